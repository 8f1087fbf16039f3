import "server-only";
import { db } from "@/lib/server/db";
import { apiKeySelect, modelSlugsById, toKeyView } from "@/lib/apps/key-view";
import type { AppView } from "@/lib/apps/schemas";

/** Apps of the teams the user belongs to, with their keys (prefixes only, never secrets or hashes). */
export async function listApps(input: { teamIds: string[] }): Promise<AppView[]> {
  if (input.teamIds.length === 0) return [];
  const apps = await db.app.findMany({
    where: { teamId: { in: input.teamIds }, deletedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      createdAt: true,
      allowedOrigins: true,
      team: { select: { id: true, slug: true, name: true, businessUnit: { select: { name: true } } } },
      keys: { orderBy: { createdAt: "desc" }, select: apiKeySelect },
    },
  });
  const slugs = await modelSlugsById(
    db,
    apps.flatMap((a) => a.keys.flatMap((k) => k.modelAllowlist)),
  );
  return apps.map((a) => ({
    id: a.id,
    name: a.name,
    description: a.description,
    createdAt: a.createdAt.toISOString(),
    team: { id: a.team.id, slug: a.team.slug, name: a.team.name, businessUnit: a.team.businessUnit.name },
    allowedOrigins: a.allowedOrigins,
    keys: a.keys.map((k) => toKeyView(k, slugs)),
  }));
}
