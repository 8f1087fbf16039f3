import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/server/errors";

// Queue entries the fold set aside (lib/usage/rollups/fold-pending.ts), for the admin page /admin/rollups.

export type DeadLetter = { id: string; failedAt: Date; error: string; entry: Record<string, unknown>; model: string | null };

/** The newest set-aside entries (at most 200), with the called model's slug when it still exists. */
export async function listDeadLetters(): Promise<{ total: number; items: DeadLetter[] }> {
  const [total, rows] = await Promise.all([
    db.usageDeadLetter.count(),
    db.usageDeadLetter.findMany({ orderBy: { id: "desc" }, take: 200 }),
  ]);
  const entries = rows.map((r) => (r.entry ?? {}) as Record<string, unknown>);
  const modelIds = [...new Set(entries.map((e) => e.modelId).filter((id): id is string => typeof id === "string"))];
  const models = await db.model.findMany({ where: { id: { in: modelIds } }, select: { id: true, slug: true } });
  const slug = new Map(models.map((m) => [m.id, m.slug]));
  return {
    total,
    items: rows.map((r, i) => ({
      id: r.id.toString(),
      failedAt: r.failedAt,
      error: r.error,
      entry: entries[i],
      model: slug.get(String(entries[i].modelId)) ?? null,
    })),
  };
}

async function take(tx: Prisma.TransactionClient, id: string) {
  const row = /^\d{1,18}$/.test(id) ? await tx.usageDeadLetter.findUnique({ where: { id: BigInt(id) } }) : null;
  if (!row) throw notFound("That set-aside call");
  await tx.usageDeadLetter.delete({ where: { id: row.id } });
  return row;
}

/** Puts an entry back in the roll-up queue (after its cause was fixed); audited. A refused entry comes back here. */
export async function requeueDeadLetter(input: { actor: AuditActor; id: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await take(tx, input.id);
    await tx.$executeRaw`
      INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
      SELECT "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"
        FROM jsonb_populate_record(NULL::usage_pending, ${JSON.stringify(row.entry)}::jsonb)`;
    await recordAudit(tx, input.actor, {
      action: "rollup.requeue",
      targetType: "usage_dead_letter",
      targetId: input.id,
      before: { error: row.error, entry: row.entry ?? null },
    });
  });
}

/** Drops an entry for good: its call stays in the invocation rows but is never counted in the dashboards; audited. */
export async function discardDeadLetter(input: { actor: AuditActor; id: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await take(tx, input.id);
    await recordAudit(tx, input.actor, {
      action: "rollup.discard",
      targetType: "usage_dead_letter",
      targetId: input.id,
      before: { error: row.error, entry: row.entry ?? null },
    });
  });
}
