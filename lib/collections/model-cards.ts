import "server-only";
import { loadCatalogItems } from "@/lib/catalog/load-catalog-items";
import type { CatalogItem } from "@/lib/catalog/schemas";
import { sql } from "kysely";
import { kdb } from "@/lib/server/db";

/** Catalog cards for these model ids in this order, with their 30-day calls (the "most used" figures). */
export async function modelCards(ids: string[], viewer: { teamIds: string[] }): Promise<CatalogItem[]> {
  if (ids.length === 0) return [];
  const { rows: usage } = await sql<{ modelId: string; calls: string }>`
    SELECT "modelId", calls FROM model_usage_30d WHERE "modelId" = ANY(${ids}::uuid[])`.execute(kdb());
  const calls = new Map(usage.map((u) => [u.modelId, Number(u.calls)]));
  return loadCatalogItems(
    ids.map((id) => ({ id, calls30d: calls.get(id) ?? 0 })),
    viewer,
  );
}
