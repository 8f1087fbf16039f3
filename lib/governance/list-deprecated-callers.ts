import "server-only";
import { db } from "@/lib/server/db";

export type DeprecatedConsumer = { app: string | null; team: string | null; lastCall: Date; calls: number };

/**
 * Per deprecated version: the apps still calling it in the last 30 days, their last call and volume, and the
 * days left to sunset — the list an owner uses to chase migrations.
 */
export async function listDeprecatedCallers(input: { now?: Date } = {}) {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  const versions = await db.modelVersion.findMany({
    where: { status: "deprecated" },
    orderBy: { sunsetAt: "asc" },
    select: {
      id: true,
      version: true,
      sunsetAt: true,
      deprecationMessage: true,
      model: { select: { slug: true, team: { select: { name: true } } } },
      replacementVersion: { select: { version: true } },
    },
  });
  const ids = versions.map((v) => v.id);
  const rows = ids.length
    ? await db.$queryRaw<{ versionId: string; app: string | null; team: string | null; lastCall: Date; calls: bigint }[]>`
        SELECT i."versionId"::text AS "versionId", a.name AS app, t.name AS team, MAX(i.at) AS "lastCall", COUNT(*)::bigint AS calls
        FROM invocations i
        LEFT JOIN apps a ON a.id = i."appId"
        LEFT JOIN teams t ON t.id = a."teamId"
        WHERE i."versionId" = ANY(${ids}::uuid[]) AND i.at >= ${since}
        GROUP BY i."versionId", a.name, t.name
        ORDER BY calls DESC`
    : [];
  return versions.map((v) => {
    const consumers: DeprecatedConsumer[] = rows
      .filter((r) => r.versionId === v.id)
      .map((r) => ({ app: r.app, team: r.team, lastCall: r.lastCall, calls: Number(r.calls) }));
    const daysToSunset = v.sunsetAt ? Math.ceil((v.sunsetAt.getTime() - now.getTime()) / 86_400_000) : null;
    return { ...v, consumers, calls30d: consumers.reduce((s, c) => s + c.calls, 0), daysToSunset };
  });
}
