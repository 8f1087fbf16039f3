import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findVisibleModel, type CurateViewer } from "@/lib/collections/curate-viewer";
import { getCollection } from "@/lib/collections/get-collection";
import { lockEditableCollection } from "@/lib/collections/lock-editable-collection";
import type { CollectionView } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

/** Takes a model out of the viewer's collection (404 when it is not in it). */
export async function removeCollectionItem(input: {
  viewer: CurateViewer;
  actor: AuditActor;
  id: string;
  model: string;
}): Promise<CollectionView> {
  const { viewer, actor, id } = input;
  const model = await findVisibleModel(input.model, viewer);
  await db.$transaction(async (tx) => {
    await lockEditableCollection(tx, viewer, id);
    const removed = await tx.collectionItem.deleteMany({ where: { collectionId: id, modelId: model.id } });
    if (removed.count === 0) throw notFound(`Model ${model.slug} in this collection`);
    await tx.collection.update({ where: { id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "collection.item_remove",
      targetType: "collection",
      targetId: id,
      before: { model: model.slug },
    });
  });
  return getCollection({ viewer, id });
}
