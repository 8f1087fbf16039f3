import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { canManageBudget, visibleBudgetWhere, type BudgetAuthority } from "@/lib/budgets/budget-authority";
import { budgetInclude, scopeOf, type BudgetRow } from "@/lib/budgets/budget-view";
import { findVisibleBudget } from "@/lib/budgets/list-budgets";
import { PERIOD_ADJECTIVE, type BudgetView, type UpdateBudgetBody } from "@/lib/budgets/schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { AppError, forbidden, notFound } from "@/lib/server/errors";

const audited = (b: Pick<BudgetRow, "amountMicros" | "period" | "thresholdPercent" | "hardCap">) => ({
  amountMicros: Number(b.amountMicros),
  period: b.period,
  thresholdPercent: b.thresholdPercent,
  hardCap: b.hardCap,
});

/** The budget locked for a change by someone who may make it: 404 when they cannot see it, 403 when they may not set it. */
export async function lockManageableBudget(tx: DbOrTx, authority: BudgetAuthority, id: string): Promise<BudgetRow> {
  await tx.$queryRaw`SELECT 1 FROM budgets WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.budget.findFirst({ where: { AND: [{ id }, visibleBudgetWhere(authority)] }, include: budgetInclude });
  if (!row) throw notFound("Budget");
  const scope = scopeOf(row);
  if (!canManageBudget(authority, scope.ref)) {
    throw forbidden(`Only admins and the owners of ${scope.name} (its team's maintainers) may change its budgets.`);
  }
  return row;
}

/** Changes a budget's amount, period, threshold or hard cap; audited with before and after. */
export async function updateBudget(input: {
  authority: BudgetAuthority;
  actor: AuditActor;
  id: string;
  body: UpdateBudgetBody;
}): Promise<BudgetView> {
  const { authority, actor, id, body } = input;
  try {
    await db.$transaction(async (tx) => {
      const before = await lockManageableBudget(tx, authority, id);
      const after = await tx.budget.update({
        where: { id },
        data: {
          amountMicros: body.amountMicros === undefined ? undefined : BigInt(body.amountMicros),
          period: body.period,
          thresholdPercent: body.thresholdPercent,
          hardCap: body.hardCap,
          // A new amount, threshold or period is announced again when spend reaches it.
          ...(body.amountMicros !== undefined || body.thresholdPercent !== undefined || body.period !== undefined
            ? { thresholdNotifiedFor: null }
            : {}),
        },
      });
      await recordAudit(tx, actor, {
        action: "budget.update",
        targetType: "budget",
        targetId: id,
        before: audited(before),
        after: audited(after),
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(
        "conflict",
        `That scope already has a ${body.period ? PERIOD_ADJECTIVE[body.period] : "such a"} budget: change that one instead.`,
      );
    }
    throw error;
  }
  return (await findVisibleBudget(authority, id))!;
}
