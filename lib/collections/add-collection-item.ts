import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findVisibleModel, type CurateViewer } from "@/lib/collections/curate-viewer";
import { getCollection } from "@/lib/collections/get-collection";
import { lockEditableCollection } from "@/lib/collections/lock-editable-collection";
import type { CollectionView } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";

/**
 * Adds a model the viewer may see to the end of their collection, with a note; adding one already there
 * changes its note only. `created` tells the route whether an item was added.
 */
export async function addCollectionItem(input: {
  viewer: CurateViewer;
  actor: AuditActor;
  id: string;
  model: string;
  note: string;
}): Promise<{ created: boolean; collection: CollectionView }> {
  const { viewer, actor, id, note } = input;
  const model = await findVisibleModel(input.model, viewer);
  const created = await db.$transaction(async (tx) => {
    await lockEditableCollection(tx, viewer, id);
    const existing = await tx.collectionItem.findUnique({ where: { collectionId_modelId: { collectionId: id, modelId: model.id } } });
    if (existing) {
      if (existing.note === note) return false;
      await tx.collectionItem.update({ where: { collectionId_modelId: { collectionId: id, modelId: model.id } }, data: { note } });
    } else {
      const last = await tx.collectionItem.aggregate({ where: { collectionId: id }, _max: { position: true } });
      await tx.collectionItem.create({
        data: { collectionId: id, modelId: model.id, note, position: (last._max.position ?? -1) + 1, addedById: viewer.userId },
      });
    }
    await tx.collection.update({ where: { id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: existing ? "collection.item_note" : "collection.item_add",
      targetType: "collection",
      targetId: id,
      before: existing ? { model: model.slug, note: existing.note } : null,
      after: { model: model.slug, note },
    });
    return !existing;
  });
  return { created, collection: await getCollection({ viewer, id }) };
}
