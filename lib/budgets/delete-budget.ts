import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { BudgetAuthority } from "@/lib/budgets/budget-authority";
import { lockManageableBudget } from "@/lib/budgets/update-budget";
import { db } from "@/lib/server/db";

/** Removes a budget (its scope's calls are no longer capped by it); audited with what it was. */
export async function deleteBudget(input: { authority: BudgetAuthority; actor: AuditActor; id: string }): Promise<void> {
  const { authority, actor, id } = input;
  await db.$transaction(async (tx) => {
    const before = await lockManageableBudget(tx, authority, id);
    await tx.budget.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "budget.delete",
      targetType: "budget",
      targetId: id,
      before: {
        appId: before.appId,
        teamId: before.teamId,
        businessUnitId: before.businessUnitId,
        amountMicros: Number(before.amountMicros),
        period: before.period,
        thresholdPercent: before.thresholdPercent,
        hardCap: before.hardCap,
      },
    });
  });
}
