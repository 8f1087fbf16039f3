import "server-only";
import { visibleBudgetWhere, type BudgetAuthority } from "@/lib/budgets/budget-authority";
import { loadBudgetSpend } from "@/lib/budgets/budget-spend";
import { budgetInclude, toBudgetView } from "@/lib/budgets/budget-view";
import type { BudgetView } from "@/lib/budgets/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

/** The budgets the person may see with their current period's spend; `app`: only those covering that app. */
export async function listBudgets(input: { authority: BudgetAuthority; app?: string; ids?: string[] }): Promise<BudgetView[]> {
  const { authority } = input;
  const where: Prisma.BudgetWhereInput[] = [visibleBudgetWhere(authority)];
  if (input.ids) where.push({ id: { in: input.ids } });
  if (input.app) {
    const app = await db.app.findUnique({ where: { id: input.app }, select: { teamId: true, team: { select: { businessUnitId: true } } } });
    if (!app) return [];
    where.push({ OR: [{ appId: input.app }, { teamId: app.teamId }, { businessUnitId: app.team.businessUnitId }] });
  }
  const rows = await db.budget.findMany({ where: { AND: where }, include: budgetInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const now = new Date();
  const spend = await loadBudgetSpend(
    rows.map((r) => r.id),
    now,
  );
  return rows.map((r) => toBudgetView(r, spend.get(r.id)!, authority, now));
}

/** One budget the person may see, or null. */
export async function findVisibleBudget(authority: BudgetAuthority, id: string): Promise<BudgetView | null> {
  const [view] = await listBudgets({ authority, ids: [id] });
  return view ?? null;
}
