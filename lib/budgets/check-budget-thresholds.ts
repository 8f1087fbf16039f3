import "server-only";
import { loadBudgetSpend } from "@/lib/budgets/budget-spend";
import { budgetInclude, scopeOf, type BudgetRow } from "@/lib/budgets/budget-view";
import { PERIOD_ADJECTIVE } from "@/lib/budgets/schemas";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { notify } from "@/lib/notifications/notify";
import { formatMoney } from "@/lib/format";
import { db } from "@/lib/server/db";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The owners told about a budget: the maintainers of its team (a unit's: of the unit's teams) and its creator. */
async function budgetOwnerIds(tx: DbOrTx, row: BudgetRow): Promise<(string | null)[]> {
  const teamWhere: Prisma.TeamWhereInput = row.businessUnitId
    ? { businessUnitId: row.businessUnitId }
    : { id: row.teamId ?? row.app?.teamId ?? undefined };
  const maintainers = await tx.teamMember.findMany({
    where: { role: "maintainer", team: teamWhere, user: { disabled: false } },
    select: { userId: true },
  });
  return [...maintainers.map((m) => m.userId), row.createdById];
}

/**
 * Announces every budget whose spend reached its threshold in the current period: an in-app notification to its
 * owners and a signed `budget.threshold` webhook event, at most once per budget and period — the conditional
 * UPDATE of thresholdNotifiedFor decides, in the transaction that writes both, so overlapping runs on several
 * nodes announce it once. Returns how many were announced.
 */
export async function checkBudgetThresholds(at: Date = new Date()): Promise<number> {
  const rows = await db.budget.findMany({ include: budgetInclude });
  if (rows.length === 0) return 0;
  const spend = await loadBudgetSpend(
    rows.map((r) => r.id),
    at,
  );
  let announced = 0;
  for (const row of rows) {
    const s = spend.get(row.id);
    if (!s || s.spendMicros * BigInt(100) < row.amountMicros * BigInt(row.thresholdPercent)) continue;
    if (row.thresholdNotifiedFor && row.thresholdNotifiedFor.getTime() >= s.periodStart.getTime()) continue;
    const scope = scopeOf(row);
    const sent = await db.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`UPDATE budgets SET "thresholdNotifiedFor" = ${s.periodStart}
        WHERE id = ${row.id}::uuid AND ("thresholdNotifiedFor" IS NULL OR "thresholdNotifiedFor" < ${s.periodStart})`;
      if (claimed === 0) return false;
      const percent = Math.floor(Number((s.spendMicros * BigInt(1000)) / row.amountMicros)) / 10;
      const what = `${PERIOD_ADJECTIVE[row.period]} budget of ${scope.kind.replace("_", " ")} ${scope.name}`;
      await notify(tx, await budgetOwnerIds(tx, row), {
        kind: "budget.threshold",
        title: `The ${what} is ${percent} % spent`,
        body: `${formatMoney(s.spendMicros)} of ${formatMoney(row.amountMicros)} spent since ${s.periodStart.toISOString()} (threshold ${row.thresholdPercent} %${row.hardCap ? "; calls are refused once it is all spent" : ""}). It resets at ${s.periodEnd.toISOString()}.`,
        link: row.appId ? `/apps/${row.appId}/usage` : "/budgets",
        actorId: null,
      });
      await enqueueWebhookEvent(tx, "budget.threshold", {
        budgetId: row.id,
        scope: { kind: scope.kind, id: scope.id, name: scope.name, slug: scope.slug },
        period: row.period,
        periodStart: s.periodStart.toISOString(),
        periodEnd: s.periodEnd.toISOString(),
        amountMicros: Number(row.amountMicros),
        spendMicros: Number(s.spendMicros),
        thresholdPercent: row.thresholdPercent,
        hardCap: row.hardCap,
      });
      return true;
    });
    if (sent) announced++;
  }
  return announced;
}
