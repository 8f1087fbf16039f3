import "server-only";
import { visibleCollectionWhere, visibleModelWhere, type CurateViewer } from "@/lib/collections/curate-viewer";
import { collectionSelect, toCollectionSummary } from "@/lib/collections/collection-view";
import { modelCards } from "@/lib/collections/model-cards";
import type { CollectionView } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

/**
 * A collection with its items in order, as the viewer may see it: a private collection of someone else is
 * "not found", and models the viewer may not see are left out (they stay in the collection for its owner).
 */
export async function getCollection(input: { viewer: CurateViewer; id: string }): Promise<CollectionView> {
  const { viewer } = input;
  const row = await db.collection.findFirst({
    where: { AND: [{ id: input.id }, visibleCollectionWhere(viewer)] },
    select: {
      ...collectionSelect,
      items: {
        where: { model: visibleModelWhere(viewer) },
        orderBy: [{ position: "asc" }, { addedAt: "asc" }],
        select: { modelId: true, position: true, note: true, addedAt: true },
      },
    },
  });
  if (!row) throw notFound("Collection");
  const cards = new Map(
    (
      await modelCards(
        row.items.map((i) => i.modelId),
        viewer,
      )
    ).map((c) => [c.id, c]),
  );
  const items = row.items.flatMap((item) => {
    const model = cards.get(item.modelId);
    return model ? [{ position: item.position, note: item.note, addedAt: item.addedAt.toISOString(), model }] : [];
  });
  return { ...toCollectionSummary(row, items.length, viewer), items };
}
