import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FeatureProfile } from "@/lib/model-health/profile";
import { db } from "@/lib/server/db";

export type ReferenceSource = "upload" | "captures";

/**
 * Stores a version's reference profile (replacing any earlier one) in one transaction: the drift counted
 * against the old bins is dropped and the retained captures are queued to be counted again against the new.
 */
export async function saveReference(input: {
  versionId: string;
  source: ReferenceSource;
  fileName: string | null;
  rowCount: number;
  features: FeatureProfile[];
  actor: AuditActor | null;
  /** Keeps the person who made the reference when the job completes it (default: the actor). */
  createdById?: string | null;
}) {
  const { versionId, source, fileName, rowCount, features } = input;
  const data = {
    source,
    fileName,
    rowCount,
    features: features as unknown as Prisma.InputJsonValue,
    createdById: input.actor?.id ?? null,
    createdAt: new Date(),
  };
  return db.$transaction(async (tx) => {
    const saved = await tx.referenceProfile.upsert({ where: { versionId }, create: { versionId, ...data }, update: data });
    await tx.healthBin.deleteMany({ where: { versionId } });
    await tx.payloadCapture.updateMany({ where: { versionId, foldedAt: { not: null } }, data: { foldedAt: null } });
    if (input.actor)
      await recordAudit(tx, input.actor, {
        action: "version.reference",
        targetType: "version",
        targetId: versionId,
        after: { source, fileName, rowCount, features: features.map((f) => f.key) },
      });
    return saved;
  });
}

/** The reference as the API shows it. */
export function referenceView(r: { source: string; fileName: string | null; rowCount: number; createdAt: Date; features: unknown }) {
  return {
    source: r.source,
    fileName: r.fileName,
    rowCount: r.rowCount,
    createdAt: r.createdAt.toISOString(),
    features: r.features as FeatureProfile[],
  };
}
