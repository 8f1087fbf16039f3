import "server-only";
import { db } from "@/lib/db";

export type ModelListItem = Awaited<ReturnType<typeof listModels>>[number];

/**
 * Catalog models with their newest approved version. Every model of the organisation is discoverable
 * (gated ones too: access is requested from their page); drafts-only models are shown to their team only.
 */
export async function listModels(options: { viewerTeamIds?: string[]; take?: number; orderBy?: "name" | "updated" } = {}) {
  const models = await db.model.findMany({
    where: {
      OR: [
        { versions: { some: { status: { in: ["approved", "deprecated"] } } } },
        ...(options.viewerTeamIds?.length ? [{ teamId: { in: options.viewerTeamIds } }] : []),
      ],
    },
    orderBy: options.orderBy === "updated" ? { updatedAt: "desc" } : { displayName: "asc" },
    take: options.take,
    select: {
      id: true, slug: true, displayName: true, summary: true, task: true, framework: true, tags: true, visibility: true, updatedAt: true,
      team: { select: { slug: true, name: true } },
      versions: { where: { status: "approved" }, orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }], take: 1, select: { version: true, runtime: true } },
    },
  });
  return models.map(({ versions, ...m }) => ({ ...m, latestVersion: versions[0]?.version ?? null, runtime: versions[0]?.runtime ?? null }));
}
