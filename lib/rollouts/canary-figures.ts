import "server-only";
import { sql } from "kysely";
import { kdb } from "@/lib/server/db";

export type VersionFigures = { calls: number; errors: number; errorRate: number | null; p95Ms: number | null };
export type CanaryFigures = { since: string; stable: VersionFigures; canary: VersionFigures };

/** The window the canary is judged on: the last minutes, never before the canary (or its weight) was set. */
export const canaryWindowMs = () => Number(process.env.MODELPORT_CANARY_WINDOW_MINUTES ?? 10) * 60_000;
/** Fewer calls than this say nothing yet: no rollback on two unlucky calls. */
export const canaryMinCalls = () => Number(process.env.MODELPORT_CANARY_MIN_CALLS ?? 20);

/**
 * Calls, server errors (5xx: the model's fault, not the caller's) and p95 latency (gateway + upstream) of the
 * stable and the canary version since `since`, from the recorded calls (shadow calls left out).
 */
export async function canaryFigures(
  modelId: string,
  stableVersionId: string,
  canaryVersionId: string,
  since: Date,
): Promise<CanaryFigures> {
  const rows = await kdb()
    .selectFrom("invocations")
    .where("modelId", "=", modelId)
    .where("versionId", "in", [stableVersionId, canaryVersionId])
    .where("at", ">=", since)
    .where("channel", "<>", "shadow")
    .groupBy("versionId")
    .select([
      "versionId",
      sql<string>`count(*)`.as("calls"),
      sql<string>`count(*) FILTER (WHERE "statusCode" >= 500)`.as("errors"),
      sql<number | null>`percentile_cont(0.95) WITHIN GROUP (ORDER BY "gatewayMs" + "upstreamMs")`.as("p95"),
    ])
    .execute();
  const of = (id: string): VersionFigures => {
    const r = rows.find((x) => x.versionId === id);
    const calls = Number(r?.calls ?? 0);
    const errors = Number(r?.errors ?? 0);
    return { calls, errors, errorRate: calls > 0 ? errors / calls : null, p95Ms: r?.p95 == null ? null : Number(r.p95) };
  };
  return { since: since.toISOString(), stable: of(stableVersionId), canary: of(canaryVersionId) };
}

/** A canary is not judged slower for less than this: 2× a 1.5 ms in-process model is noise next to any network hop. */
export const CANARY_LATENCY_FLOOR_MS = 10;

/** Why the canary must be rolled back, or null while it holds (error rate > 5 %, or p95 > 2× the stable's and ≥ 10 ms more). */
export function canaryBreach(f: CanaryFigures, minCalls = canaryMinCalls()): string | null {
  const c = f.canary;
  if (c.calls < minCalls) return null;
  if (c.errorRate !== null && c.errorRate > 0.05)
    return `error rate ${(c.errorRate * 100).toFixed(1)} % over ${c.calls} calls (threshold 5 %)`;
  if (
    f.stable.calls >= minCalls &&
    c.p95Ms !== null &&
    f.stable.p95Ms !== null &&
    c.p95Ms > 2 * f.stable.p95Ms &&
    c.p95Ms - f.stable.p95Ms >= CANARY_LATENCY_FLOOR_MS
  )
    return `p95 latency ${c.p95Ms.toFixed(1)} ms against the stable version's ${f.stable.p95Ms.toFixed(1)} ms (threshold 2× and ${CANARY_LATENCY_FLOOR_MS} ms more)`;
  return null;
}
