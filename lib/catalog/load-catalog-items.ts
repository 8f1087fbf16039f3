import "server-only";
import { catalogSql } from "@/lib/catalog/catalog-sql";
import type { CatalogItem } from "@/lib/catalog/schemas";
import type { CatalogViewer } from "@/lib/catalog/search-models";
import { isAwaitingApproval } from "@/lib/catalog/approval-state";

type CardRow = {
  id: string; slug: string; name: string; displayName: string; summary: string; task: string; framework: string; tags: string[];
  license: string | null; visibility: "public" | "gated"; teamId: string; runtimes: string[]; statuses: string[]; updatedAt: Date;
  teamSlug: string; teamName: string; latestVersion: string | null;
};

/**
 * Catalog cards for the given model ids, in the given order (ids not found are skipped). One plain query
 * (on every search: the ORM cost several ms of CPU per page here); "latest version" is the newest approved.
 */
export async function loadCatalogItems(page: { id: string; calls30d: number }[], viewer: CatalogViewer): Promise<CatalogItem[]> {
  if (page.length === 0) return [];
  const { rows } = await catalogSql().query<CardRow>(
    `SELECT m.id::text, m.slug, m.name, m."displayName", m.summary, m.task, m.framework, m.tags, m.license, m.visibility::text AS visibility,
            m."teamId"::text AS "teamId", m."catalogRuntimes"::text[] AS runtimes, m."catalogStatuses"::text[] AS statuses,
            m."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt", t.slug AS "teamSlug", t.name AS "teamName",
            (SELECT v.version FROM model_versions v WHERE v."modelId" = m.id AND v.status = 'approved'
              ORDER BY v.major DESC, v.minor DESC, v.patch DESC, v."createdAt" DESC LIMIT 1) AS "latestVersion"
       FROM models m JOIN teams t ON t.id = m."teamId"
      WHERE m.id = ANY($1::uuid[])`,
    [page.map((p) => p.id)],
  );
  const byId = new Map(rows.map((m) => [m.id, m]));
  return page.flatMap(({ id, calls30d }) => {
    const m = byId.get(id);
    if (!m) return [];
    const own = viewer.teamIds.includes(m.teamId);
    const statuses = m.statuses.filter((s) => own || s === "pending_review" || s === "approved" || s === "deprecated");
    return [{
      id: m.id, slug: m.slug, owner: m.teamSlug, name: m.name, displayName: m.displayName, summary: m.summary, task: m.task,
      framework: m.framework, tags: m.tags, license: m.license, visibility: m.visibility, team: { slug: m.teamSlug, name: m.teamName },
      latestVersion: m.latestVersion,
      awaitingApproval: isAwaitingApproval(m.statuses),
      runtimes: m.runtimes, statuses, calls30d: Number(calls30d), updatedAt: m.updatedAt.toISOString(),
    }];
  });
}
