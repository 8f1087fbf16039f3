import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { visibleModelWhere, type CurateViewer } from "@/lib/collections/curate-viewer";
import { getCollection } from "@/lib/collections/get-collection";
import { lockEditableCollection } from "@/lib/collections/lock-editable-collection";
import type { CollectionView } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

/**
 * Puts the collection's models in the given order. The list must name every model of the collection the
 * viewer sees, each once; models hidden from the viewer keep their order after them.
 */
export async function reorderCollectionItems(input: {
  viewer: CurateViewer;
  actor: AuditActor;
  id: string;
  models: string[];
}): Promise<CollectionView> {
  const { viewer, actor, id, models } = input;
  await db.$transaction(async (tx) => {
    await lockEditableCollection(tx, viewer, id);
    const items = await tx.collectionItem.findMany({
      where: { collectionId: id },
      orderBy: [{ position: "asc" }, { addedAt: "asc" }],
      select: { modelId: true, model: { select: { slug: true } } },
    });
    const visible = new Set(
      (
        await tx.model.findMany({
          where: { AND: [{ id: { in: items.map((i) => i.modelId) } }, visibleModelWhere(viewer)] },
          select: { id: true },
        })
      ).map((m) => m.id),
    );
    const shown = items.filter((i) => visible.has(i.modelId));
    const bySlug = new Map(shown.map((i) => [i.model.slug, i.modelId]));
    if (new Set(models).size !== models.length || models.length !== shown.length || models.some((m) => !bySlug.has(m))) {
      throw new AppError("unprocessable", "List every model of the collection exactly once (as owner/name) in the new order.");
    }
    const order = [...models.map((m) => bySlug.get(m) as string), ...items.filter((i) => !visible.has(i.modelId)).map((i) => i.modelId)];
    for (const [position, modelId] of order.entries()) {
      await tx.collectionItem.update({ where: { collectionId_modelId: { collectionId: id, modelId } }, data: { position } });
    }
    await tx.collection.update({ where: { id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "collection.reorder",
      targetType: "collection",
      targetId: id,
      before: { models: shown.map((i) => i.model.slug) },
      after: { models },
    });
  });
  return getCollection({ viewer, id });
}
