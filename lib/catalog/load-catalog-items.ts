import "server-only";
import { db } from "@/lib/db";
import type { CatalogItem } from "@/lib/catalog/schemas";
import type { CatalogViewer } from "@/lib/catalog/search-models";

/** Catalog cards for the given model ids, in the given order (ids not found are skipped). */
export async function loadCatalogItems(page: { id: string; calls30d: number }[], viewer: CatalogViewer): Promise<CatalogItem[]> {
  if (page.length === 0) return [];
  const models = await db.model.findMany({
    where: { id: { in: page.map((p) => p.id) } },
    select: {
      id: true, slug: true, name: true, displayName: true, summary: true, task: true, framework: true, tags: true, license: true,
      visibility: true, teamId: true, catalogRuntimes: true, catalogStatuses: true, updatedAt: true,
      team: { select: { slug: true, name: true } },
      versions: { where: { status: "approved" }, orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }, { createdAt: "desc" }], take: 1, select: { version: true } },
    },
  });
  const byId = new Map(models.map((m) => [m.id, m]));
  return page.flatMap(({ id, calls30d }) => {
    const m = byId.get(id);
    if (!m) return [];
    const own = viewer.teamIds.includes(m.teamId);
    const statuses = m.catalogStatuses.filter((s) => own || s === "pending_review" || s === "approved" || s === "deprecated");
    return [{
      id: m.id, slug: m.slug, owner: m.team.slug, name: m.name, displayName: m.displayName, summary: m.summary, task: m.task,
      framework: m.framework, tags: m.tags, license: m.license, visibility: m.visibility, team: m.team,
      latestVersion: m.versions[0]?.version ?? null,
      awaitingApproval: !m.catalogStatuses.includes("approved") && !m.catalogStatuses.includes("deprecated"),
      runtimes: m.catalogRuntimes, statuses, calls30d: Number(calls30d), updatedAt: m.updatedAt.toISOString(),
    }];
  });
}
