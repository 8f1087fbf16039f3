import "server-only";
import { db } from "@/lib/db";
import { loadCatalogItems } from "@/lib/catalog/load-catalog-items";
import type { CatalogItem } from "@/lib/catalog/schemas";
import type { CatalogViewer } from "@/lib/catalog/search-models";

/** Models whose newest approval is most recent (an approved version is visible to everyone). */
export async function listRecentlyPublished(input: { viewer: CatalogViewer; take: number }): Promise<CatalogItem[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "modelId" AS id FROM model_versions
     WHERE status = 'approved' AND "approvedAt" IS NOT NULL
     GROUP BY "modelId" ORDER BY max("approvedAt") DESC LIMIT ${input.take}`;
  return loadCatalogItems(rows.map((r) => ({ id: r.id, calls30d: 0 })), input.viewer);
}
