import "server-only";
import { sql, type Expression } from "kysely";
import { isAwaitingApproval } from "@/lib/catalog/approval-state";
import { DISCOVERABLE_STATUSES, type CatalogItem } from "@/lib/catalog/schemas";
import type { CatalogViewer } from "@/lib/catalog/search-models";
import { kdb } from "@/lib/server/db";

/** What a catalog card reads of the models with these ids (a list, or a subquery of a larger statement). */
export function cardRows(ids: readonly string[] | Expression<string>) {
  return kdb()
    .selectFrom("models as m")
    .innerJoin("teams as t", "t.id", "m.teamId")
    .select([
      "m.id",
      "m.slug",
      "m.name",
      "m.displayName",
      "m.summary",
      "m.task",
      "m.framework",
      "m.tags",
      "m.license",
      "m.visibility",
      "m.teamId",
      "m.updatedAt",
      "m.healthStatus",
    ])
    .select(["t.slug as teamSlug", "t.name as teamName"])
    .select([sql<string[]>`m."catalogRuntimes"::text[]`.as("runtimes"), sql<string[]>`m."catalogStatuses"::text[]`.as("statuses")])
    .select((eb) =>
      eb
        .selectFrom("model_versions as v")
        .select("v.version")
        .whereRef("v.modelId", "=", "m.id")
        .where("v.status", "=", "approved")
        .orderBy("v.major", "desc")
        .orderBy("v.minor", "desc")
        .orderBy("v.patch", "desc")
        .orderBy("v.createdAt", "desc")
        .limit(1)
        .as("latestVersion"),
    )
    .select(sql<number>`(SELECT count(*) FROM model_stars s WHERE s."modelId" = m.id)::int`.as("stars"))
    .where("m.id", "in", ids);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardRows>["execute"]>>[number];

/**
 * Catalog cards in the order of `page` (ids without a row are skipped); "latest version" is the newest
 * approved. Statuses other than review/approved/deprecated are shown to the model's own team only.
 */
export function toCatalogItems(page: { id: string; calls30d: number }[], rows: CardRow[], viewer: CatalogViewer): CatalogItem[] {
  const byId = new Map(rows.map((m) => [m.id, m]));
  return page.flatMap(({ id, calls30d }) => {
    const m = byId.get(id);
    if (!m) return [];
    const own = viewer.teamIds.includes(m.teamId);
    const statuses = m.statuses.filter((s) => own || (DISCOVERABLE_STATUSES as readonly string[]).includes(s));
    return [
      {
        id: m.id,
        slug: m.slug,
        owner: m.teamSlug,
        name: m.name,
        displayName: m.displayName,
        summary: m.summary,
        task: m.task,
        framework: m.framework,
        tags: m.tags,
        license: m.license,
        visibility: m.visibility,
        team: { slug: m.teamSlug, name: m.teamName },
        latestVersion: m.latestVersion ?? null,
        awaitingApproval: isAwaitingApproval(m.statuses),
        runtimes: m.runtimes,
        statuses,
        calls30d: Number(calls30d),
        stars: Number(m.stars),
        healthStatus: m.healthStatus,
        updatedAt: new Date(m.updatedAt).toISOString(),
      },
    ];
  });
}

/** Catalog cards for the given model ids, in the given order. */
export async function loadCatalogItems(page: { id: string; calls30d: number }[], viewer: CatalogViewer): Promise<CatalogItem[]> {
  if (page.length === 0) return [];
  return toCatalogItems(page, await cardRows(page.map((p) => p.id)).execute(), viewer);
}
