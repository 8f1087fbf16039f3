import "server-only";
import type { Db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A Prisma client or the client of an open transaction (`db.$transaction(async (tx) => …)`). */
export type DbOrTx = Db | Prisma.TransactionClient;

export type AuditActor = { id: string | null; label: string; ip?: string | null; requestId?: string | null };

export type AuditEntry = {
  action: string; // e.g. "model.create", "version.approve", "api_key.revoke"
  targetType: string; // e.g. "model", "version", "api_key"
  targetId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/**
 * Appends one audit event. Call it with the transaction client of the change it records, so a failed
 * change leaves no audit row and a recorded change always has one. The table is append-only (trigger).
 */
export async function recordAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorLabel: actor.label,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
