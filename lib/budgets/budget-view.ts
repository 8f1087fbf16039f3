import "server-only";
import type { BudgetAuthority, BudgetScopeRef } from "@/lib/budgets/budget-authority";
import { canManageBudget } from "@/lib/budgets/budget-authority";
import type { BudgetSpend } from "@/lib/budgets/budget-spend";
import type { BudgetView } from "@/lib/budgets/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What a budget row is read with for its view. */
export const budgetInclude = {
  app: { select: { id: true, name: true, teamId: true } },
  team: { select: { id: true, name: true, slug: true } },
  businessUnit: { select: { id: true, name: true, slug: true } },
  createdBy: { select: { email: true } },
} satisfies Prisma.BudgetInclude;

export type BudgetRow = Prisma.BudgetGetPayload<{ include: typeof budgetInclude }>;

export function scopeOf(row: BudgetRow): BudgetView["scope"] & { ref: BudgetScopeRef } {
  if (row.app) return { kind: "app", id: row.app.id, name: row.app.name, slug: null, ref: { kind: "app", teamId: row.app.teamId } };
  if (row.team)
    return { kind: "team", id: row.team.id, name: row.team.name, slug: row.team.slug, ref: { kind: "team", teamId: row.team.id } };
  const bu = row.businessUnit!;
  return { kind: "business_unit", id: bu.id, name: bu.name, slug: bu.slug, ref: { kind: "business_unit", businessUnitId: bu.id } };
}

/** Forecast to the period's end at the pace so far: spend / elapsed × period length. */
export function forecastMicros(spend: bigint, start: Date, end: Date, now: Date): number {
  const elapsed = Math.max(now.getTime() - start.getTime(), 60_000); // a minute in, not a division by ~0
  return Math.round((Number(spend) / elapsed) * (end.getTime() - start.getTime()));
}

export function toBudgetView(row: BudgetRow, spend: BudgetSpend, authority: BudgetAuthority, now = new Date()): BudgetView {
  const { ref, ...scope } = scopeOf(row);
  const amount = Number(row.amountMicros);
  const spent = Number(spend.spendMicros);
  return {
    id: row.id,
    scope,
    amountMicros: amount,
    period: row.period,
    thresholdPercent: row.thresholdPercent,
    hardCap: row.hardCap,
    current: {
      periodStart: spend.periodStart.toISOString(),
      periodEnd: spend.periodEnd.toISOString(),
      spendMicros: spent,
      percent: Math.round((spent / amount) * 1000) / 10,
      forecastMicros: forecastMicros(spend.spendMicros, spend.periodStart, spend.periodEnd, now),
    },
    canEdit: canManageBudget(authority, ref),
    createdBy: row.createdBy?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
