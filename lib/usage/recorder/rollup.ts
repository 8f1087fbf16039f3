import { emptyHistogram, latencyBucket } from "@/lib/usage/latency-buckets";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

/** One usage_hourly increment: the sums and histograms of a batch's rows sharing bucket × version × app × channel. */
export type RollupDelta = {
  bucket: Date;
  modelId: string;
  versionId: string;
  appId: string | null;
  channel: InvocationRecord["channel"];
  calls: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  costMicros: bigint;
  valueMicros: bigint;
  gatewayMsSum: number;
  upstreamMsSum: number;
  /** Total latency (gateway + upstream). */
  latencyHist: number[];
  gatewayHist: number[];
  upstreamHist: number[];
};

const HOUR_MS = 3_600_000;

/** What a roll-up needs of an invocation (a usage_pending row carries exactly this). */
export type RollupInput = Pick<InvocationRecord, "at" | "modelId" | "versionId" | "appId" | "channel" | "statusCode" | "gatewayMs" | "upstreamMs" | "bytesIn" | "bytesOut" | "costMicros" | "valueMicros">;

/** Groups rows into roll-up deltas, sorted by key so concurrent writers lock rows in the same order. */
export function rollupRows(rows: readonly RollupInput[]): RollupDelta[] {
  const groups = new Map<string, RollupDelta>();
  for (const r of rows) {
    const bucket = new Date(Math.floor(r.at.getTime() / HOUR_MS) * HOUR_MS);
    const key = `${bucket.toISOString()}|${r.versionId}|${r.appId ?? ""}|${r.channel}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        bucket, modelId: r.modelId, versionId: r.versionId, appId: r.appId, channel: r.channel,
        calls: 0, errors: 0, bytesIn: 0, bytesOut: 0, costMicros: BigInt(0), valueMicros: BigInt(0),
        gatewayMsSum: 0, upstreamMsSum: 0, latencyHist: emptyHistogram(), gatewayHist: emptyHistogram(), upstreamHist: emptyHistogram(),
      };
      groups.set(key, g);
    }
    g.calls += 1;
    if (r.statusCode >= 400) g.errors += 1;
    g.bytesIn += r.bytesIn;
    g.bytesOut += r.bytesOut;
    g.costMicros += r.costMicros;
    g.valueMicros += r.valueMicros;
    g.gatewayMsSum += r.gatewayMs;
    g.upstreamMsSum += r.upstreamMs;
    g.latencyHist[latencyBucket(r.gatewayMs + r.upstreamMs)] += 1;
    g.gatewayHist[latencyBucket(r.gatewayMs)] += 1;
    g.upstreamHist[latencyBucket(r.upstreamMs)] += 1;
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}
