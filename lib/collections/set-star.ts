import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findVisibleModel, type CurateViewer } from "@/lib/collections/curate-viewer";
import type { StarState } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";

/**
 * Stars or unstars a model the viewer may see, idempotently: starring twice (or unstarring a model never
 * starred) changes nothing and records nothing; a change and its audit event commit together.
 */
export async function setStar(input: { viewer: CurateViewer; actor: AuditActor; slug: string; starred: boolean }): Promise<StarState> {
  const { viewer, actor, starred } = input;
  const model = await findVisibleModel(input.slug, viewer);
  return db.$transaction(async (tx) => {
    const changed = starred
      ? (await tx.modelStar.createMany({ data: [{ userId: viewer.userId, modelId: model.id }], skipDuplicates: true })).count
      : (await tx.modelStar.deleteMany({ where: { userId: viewer.userId, modelId: model.id } })).count;
    if (changed > 0) {
      await recordAudit(tx, actor, { action: starred ? "model.star" : "model.unstar", targetType: "model", targetId: model.id });
    }
    const stars = await tx.modelStar.count({ where: { modelId: model.id } });
    return { model: model.slug, starred, stars };
  });
}
