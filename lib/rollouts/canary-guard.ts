import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { notify } from "@/lib/notifications/notify";
import { canaryBreach, canaryFigures, canaryWindowMs } from "@/lib/rollouts/canary-figures";

/** The guard's entry in the audit trail: an automatic action, taken on the figures, for nobody's account. */
const GUARD = { id: null, label: "system: canary guard (automatic rollback)" };

/**
 * Judges every running canary on its recent figures and rolls back those that break their thresholds: weight → 0,
 * the owning team notified in the app, the signed `model.alert` webhook queued and the rollback audited, in one
 * transaction under the canary's row lock (a canary changed meanwhile is judged again next time). Run by a
 * locked job; returns the models rolled back.
 */
export async function runCanaryGuard(now = new Date()): Promise<string[]> {
  const running = await db.modelCanary.findMany({
    where: { weight: { gt: 0 } },
    select: {
      modelId: true,
      stableVersionId: true,
      canaryVersionId: true,
      weight: true,
      updatedAt: true,
      model: { select: { slug: true, displayName: true, teamId: true } },
      stableVersion: { select: { version: true } },
      canaryVersion: { select: { version: true } },
    },
  });
  const rolledBack: string[] = [];
  for (const c of running) {
    const since = new Date(Math.max(now.getTime() - canaryWindowMs(), c.updatedAt.getTime()));
    const figures = await canaryFigures(c.modelId, c.stableVersionId, c.canaryVersionId, since);
    const reason = canaryBreach(figures);
    if (!reason) continue;
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ weight: number; updatedAt: Date }[]>`
        SELECT weight, "updatedAt" FROM model_canaries WHERE "modelId" = ${c.modelId}::uuid FOR UPDATE`;
      if (!rows[0] || rows[0].weight === 0 || rows[0].updatedAt.getTime() !== c.updatedAt.getTime()) return false;
      await tx.modelCanary.update({ where: { modelId: c.modelId }, data: { weight: 0, rolledBackAt: now, rollbackReason: reason } });
      const members = await tx.teamMember.findMany({
        where: { teamId: c.model.teamId, user: { disabled: false } },
        select: { userId: true },
      });
      await notify(
        tx,
        members.map((m) => m.userId),
        {
          kind: "model.alert",
          versionId: c.canaryVersionId,
          link: `/publish/${c.model.slug}`,
          title: `${c.model.displayName}: canary ${c.canaryVersion.version} rolled back`,
          body: `All range and latest calls go to ${c.stableVersion.version} again: ${reason}.`,
        },
      );
      await enqueueWebhookEvent(tx, "model.alert", {
        kind: "canary_rolled_back",
        model: c.model.slug,
        stableVersion: c.stableVersion.version,
        canaryVersion: c.canaryVersion.version,
        reason,
      });
      await recordAudit(tx, GUARD, {
        action: "model.canary.rollback",
        targetType: "model",
        targetId: c.modelId,
        before: { weight: c.weight, canaryVersion: c.canaryVersion.version },
        after: { weight: 0, reason, figures },
      });
      return true;
    });
    if (done) {
      rolledBack.push(c.model.slug);
      log().warn({ model: c.model.slug, canary: c.canaryVersion.version, reason }, "canary rolled back");
    }
  }
  return rolledBack;
}
