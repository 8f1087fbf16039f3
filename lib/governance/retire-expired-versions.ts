import "server-only";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit } from "@/lib/audit/record-audit";
import { transitionVersion } from "@/lib/version-lifecycle/version-state";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";

const SYSTEM_ACTOR = { id: null, label: "system:sunset-sweeper" };

/**
 * Retires deprecated versions whose sunset date has passed. Safe with several nodes: each version is
 * claimed with FOR UPDATE SKIP LOCKED inside its own transaction, so two sweepers never retire the same
 * version twice and a slow one does not block the others. Returns the ids retired by this call.
 */
export async function retireExpiredVersions(options: { now?: Date; batch?: number } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const retired: string[] = [];
  for (let i = 0; i < (options.batch ?? 100); i++) {
    const id = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM model_versions
        WHERE status = 'deprecated' AND "sunsetAt" IS NOT NULL AND "sunsetAt" <= ${now}
        ORDER BY "sunsetAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const row = rows[0];
      if (!row) return null;
      const v = await tx.modelVersion.findUniqueOrThrow({
        where: { id: row.id },
        select: { version: true, sunsetAt: true, model: { select: { slug: true } }, replacementVersion: { select: { version: true } } },
      });
      await transitionVersion(tx, row.id, "retired", { from: ["deprecated"], data: { retiredAt: now } });
      const after = { status: "retired", retiredAt: now.toISOString(), replacementVersion: v.replacementVersion?.version ?? null };
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: "version.retire",
        targetType: "version",
        targetId: row.id,
        before: { status: "deprecated", sunsetAt: v.sunsetAt?.toISOString() ?? null },
        after,
      });
      await enqueueWebhookEvent(tx, "version.retired", { model: v.model.slug, version: v.version, versionId: row.id, ...after });
      return row.id;
    }, GOVERNANCE_TX);
    if (!id) break;
    retired.push(id);
  }
  return retired;
}
