import "server-only";
import {
  editableCollectionWhere,
  findVisibleModel,
  visibleCollectionWhere,
  visibleModelWhere,
  type CurateViewer,
} from "@/lib/collections/curate-viewer";
import { collectionSelect, toCollectionSummary } from "@/lib/collections/collection-view";
import type { CollectionSummary } from "@/lib/collections/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

/**
 * The collections the viewer may see (company-wide ones and their own or their teams' private ones), newest
 * change first; `mine` keeps those they may edit, `model` those holding a model they may see. Item counts
 * count only models the viewer may see.
 */
export async function listCollections(input: { viewer: CurateViewer; model?: string; mine?: boolean }): Promise<CollectionSummary[]> {
  const { viewer } = input;
  const where: Prisma.CollectionWhereInput[] = [visibleCollectionWhere(viewer)];
  if (input.mine) where.push(editableCollectionWhere(viewer));
  if (input.model) {
    const model = await findVisibleModel(input.model, viewer);
    where.push({ items: { some: { modelId: model.id } } });
  }
  const rows = await db.collection.findMany({
    where: { AND: where },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: { ...collectionSelect, _count: { select: { items: { where: { model: visibleModelWhere(viewer) } } } } },
  });
  return rows.map((row) => toCollectionSummary(row, row._count.items, viewer));
}
