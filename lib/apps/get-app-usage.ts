import "server-only";
import { db } from "@/lib/server/db";
import type { AppUsageQuery } from "@/lib/apps/schemas";
import type { SessionUser } from "@/lib/auth/current-user";
import { notFound } from "@/lib/server/errors";

export type AppUsageReport = Awaited<ReturnType<typeof getAppUsage>>;

type Row = {
  dim: "key" | "model" | "day" | "total";
  keyId: string | null;
  modelId: string | null;
  day: Date | null;
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  cost: bigint | null;
};

const figures = (r: Row | undefined) => ({
  calls: r?.calls ?? 0,
  errors: r?.errors ?? 0,
  errorRate: r && r.calls > 0 ? r.errors / r.calls : null,
  latencyMs: { p50: r?.p50 ?? null, p95: r?.p95 ?? null },
  costMicros: r?.cost ?? BigInt(0),
});

/**
 * An app owner's view of their app's calls over a range: totals, per key, per model and per day (calls,
 * errors, latency percentiles, cost). Apps of other teams answer 404. One scan of the app's invocations
 * (index on appId, at) with grouping sets: per-key figures exist only there, not in the roll-ups.
 */
export async function getAppUsage(input: { user: Pick<SessionUser, "teamIds">; appId: string; query: AppUsageQuery }) {
  const app = await db.app.findFirst({
    where: { id: input.appId, teamId: { in: input.user.teamIds }, deletedAt: null },
    select: {
      id: true,
      name: true,
      team: { select: { name: true } },
      keys: { select: { id: true, name: true, prefix: true, revokedAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!app) throw notFound("The app");
  const { from, to } = input.query;
  const rows = await db.$queryRaw<Row[]>`
    SELECT CASE WHEN GROUPING(i."apiKeyId") = 0 THEN 'key' WHEN GROUPING(i."modelId") = 0 THEN 'model' WHEN GROUPING(day) = 0 THEN 'day' ELSE 'total' END AS dim,
      i."apiKeyId"::text AS "keyId", i."modelId"::text AS "modelId", day,
      count(*)::int AS calls, (count(*) FILTER (WHERE i."statusCode" >= 400))::int AS errors,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY i."gatewayMs" + i."upstreamMs") AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY i."gatewayMs" + i."upstreamMs") AS p95,
      sum(i."costMicros")::bigint AS cost
    FROM invocations i, LATERAL (SELECT date_trunc('day', i."at", 'UTC') AS day) d
    WHERE i."appId" = ${app.id}::uuid AND i."at" >= ${from} AND i."at" < ${to}
    GROUP BY GROUPING SETS ((i."apiKeyId"), (i."modelId"), (day), ())`;
  const of = (dim: Row["dim"]) => rows.filter((r) => r.dim === dim);
  const modelIds = of("model")
    .map((r) => r.modelId)
    .filter((id): id is string => Boolean(id));
  const models = modelIds.length
    ? await db.model.findMany({ where: { id: { in: modelIds } }, select: { id: true, slug: true, displayName: true } })
    : [];
  const byKey = new Map(of("key").map((r) => [r.keyId, r]));
  return {
    app: { id: app.id, name: app.name, team: app.team.name },
    from: from.toISOString(),
    to: to.toISOString(),
    totals: figures(of("total")[0]),
    keys: app.keys
      .map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        revoked: Boolean(k.revokedAt),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        ...figures(byKey.get(k.id)),
      }))
      .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name)),
    models: of("model")
      .map((r) => ({ row: r, model: models.find((m) => m.id === r.modelId) }))
      .filter((x) => x.model)
      .map(({ row, model }) => ({ id: model!.id, slug: model!.slug, displayName: model!.displayName, ...figures(row) }))
      .sort((a, b) => b.calls - a.calls),
    days: of("day")
      .map((r) => ({ day: r.day!.toISOString().slice(0, 10), ...figures(r) }))
      .sort((a, b) => a.day.localeCompare(b.day)),
  };
}
