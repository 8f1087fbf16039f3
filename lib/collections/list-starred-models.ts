import "server-only";
import { visibleModelWhere, type CurateViewer } from "@/lib/collections/curate-viewer";
import { modelCards } from "@/lib/collections/model-cards";
import type { CatalogItem } from "@/lib/catalog/schemas";
import { db } from "@/lib/server/db";

/** The models this person starred that they may still see, most recently starred first. */
export async function listStarredModels(input: { viewer: CurateViewer; limit?: number }): Promise<CatalogItem[]> {
  const { viewer } = input;
  const stars = await db.modelStar.findMany({
    where: { userId: viewer.userId, model: visibleModelWhere(viewer) },
    orderBy: { createdAt: "desc" },
    take: input.limit ?? 100,
    select: { modelId: true },
  });
  return modelCards(
    stars.map((s) => s.modelId),
    viewer,
  );
}
