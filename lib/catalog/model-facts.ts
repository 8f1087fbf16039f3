import "server-only";
import { db } from "@/lib/server/db";
import { percentileFromHistogram } from "@/lib/usage/latency-buckets";
import type { ModelFacts } from "@/lib/catalog/schemas";

/**
 * Live facts of a model (or one version) from the hourly roll-up of real invocations over the last 30
 * days; latency percentiles come from the merged fixed-bucket histograms.
 */
export async function modelFacts(input: { modelId: string; versionId?: string }): Promise<ModelFacts> {
  const since = new Date(Date.now() - 30 * 86400_000);
  const versionId = input.versionId ?? null;
  const [totals] = await db.$queryRaw<{ calls: number; errors: number; cost: number; apps: number }[]>`
    SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(errors), 0)::float8 AS errors,
           coalesce(sum("costMicros"), 0)::float8 AS cost, count(DISTINCT "appId") FILTER (WHERE calls > 0)::int AS apps
      FROM usage_hourly
     WHERE "modelId" = ${input.modelId}::uuid AND bucket >= ${since} AND (${versionId}::uuid IS NULL OR "versionId" = ${versionId}::uuid)`;
  const hist = await db.$queryRaw<{ i: number; n: number }[]>`
    SELECT x.i::int AS i, sum(x.n)::float8 AS n
      FROM usage_hourly u, unnest(u."latencyHist") WITH ORDINALITY AS x(n, i)
     WHERE u."modelId" = ${input.modelId}::uuid AND u.bucket >= ${since} AND (${versionId}::uuid IS NULL OR u."versionId" = ${versionId}::uuid)
     GROUP BY x.i`;
  const merged: number[] = [];
  for (const { i, n } of hist) merged[i - 1] = n;
  const dense = Array.from({ length: merged.length }, (_, i) => merged[i] ?? 0);
  return {
    calls30d: totals.calls,
    errorRate: totals.calls > 0 ? totals.errors / totals.calls : null,
    p50Ms: percentileFromHistogram(dense, 0.5),
    p95Ms: percentileFromHistogram(dense, 0.95),
    consumingApps: totals.apps,
    costPerCallMicros: totals.calls > 0 ? Math.round(totals.cost / totals.calls) : null,
  };
}
