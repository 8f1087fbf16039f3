import "server-only";
import { db } from "@/lib/server/db";
import { loadCatalogItems } from "@/lib/catalog/load-catalog-items";
import type { CatalogItem } from "@/lib/catalog/schemas";
import type { CatalogViewer } from "@/lib/catalog/search-models";

/**
 * Models whose newest approval is most recent (an approved version is visible to everyone), with their
 * 30-day calls from the same figures as the "most used" list.
 */
export async function listRecentlyPublished(input: { viewer: CatalogViewer; take: number }): Promise<CatalogItem[]> {
  const rows = await db.$queryRaw<{ id: string; calls: bigint }[]>`
    SELECT v."modelId" AS id, COALESCE(max(u.calls), 0)::bigint AS calls
      FROM model_versions v LEFT JOIN model_usage_30d u ON u."modelId" = v."modelId"
     WHERE v.status = 'approved' AND v."approvedAt" IS NOT NULL
     GROUP BY v."modelId" ORDER BY max(v."approvedAt") DESC LIMIT ${input.take}`;
  return loadCatalogItems(
    rows.map((r) => ({ id: r.id, calls30d: Number(r.calls) })),
    input.viewer,
  );
}
