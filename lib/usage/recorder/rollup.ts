import { emptyHistogram, latencyBucket } from "@/lib/usage/latency-buckets";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

/** What a roll-up needs of an invocation (a usage_pending row carries exactly this). */
export type RollupInput = Pick<InvocationRecord, "at" | "modelId" | "versionId" | "appId" | "channel" | "statusCode" | "gatewayMs" | "upstreamMs" | "bytesIn" | "bytesOut" | "costMicros" | "valueMicros">;

export type Sums = {
  calls: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  costMicros: bigint;
  valueMicros: bigint;
  gatewayMsSum: number;
  upstreamMsSum: number;
};

/** Total (gateway + model), gateway-only and model-only latency histograms, as stored in every roll-up. */
export type Hists = [number[], number[], number[]];

/** A usage_hourly (time = hour) or usage_daily (time = UTC day) key. */
export type FullKey = { time: Date; modelId: string; versionId: string; appId: string | null; channel: InvocationRecord["channel"] };
/** A usage_hourly_by / usage_daily_by key: one dimension (model, app, channel, chargeback line) and its value. */
export type NarrowKey = { time: Date; dim: "model" | "app" | "channel" | "line"; key: string };
export type Delta<K> = K & { sums: Sums; hists: Hists };

export type FoldDeltas = { hourly: Delta<FullKey>[]; daily: Delta<FullKey>[]; hourlyBy: Delta<NarrowKey>[]; dailyBy: Delta<NarrowKey>[] };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const emptySums = (): Sums => ({ calls: 0, errors: 0, bytesIn: 0, bytesOut: 0, costMicros: 0n, valueMicros: 0n, gatewayMsSum: 0, upstreamMsSum: 0 });
export const emptyHists = (): Hists => [emptyHistogram(), emptyHistogram(), emptyHistogram()];

function add<K>(map: Map<string, Delta<K>>, id: string, key: () => K, r: RollupInput, buckets: [number, number, number]) {
  let d = map.get(id);
  if (!d) map.set(id, (d = { ...key(), sums: emptySums(), hists: emptyHists() }));
  const s = d.sums;
  s.calls += 1;
  if (r.statusCode >= 400) s.errors += 1;
  s.bytesIn += r.bytesIn;
  s.bytesOut += r.bytesOut;
  s.costMicros += r.costMicros;
  s.valueMicros += r.valueMicros;
  s.gatewayMsSum += r.gatewayMs;
  s.upstreamMsSum += r.upstreamMs;
  d.hists[0][buckets[0]] += 1;
  d.hists[1][buckets[1]] += 1;
  d.hists[2][buckets[2]] += 1;
}

// Sorted by key, so two writers touching the same rows lock them in the same order.
const sorted = <T>(map: Map<string, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

/**
 * Groups calls into the increments of the four roll-ups: usage_hourly and usage_daily per version × app ×
 * channel, and the narrow usage_hourly_by / usage_daily_by per model, app, channel and model|app (the
 * chargeback line). Keys and times as the SQL roll-ups derive them (UTC hours and days, '' for no app).
 */
export function foldDeltas(rows: readonly RollupInput[]): FoldDeltas {
  const hourly = new Map<string, Delta<FullKey>>();
  const daily = new Map<string, Delta<FullKey>>();
  const hourlyBy = new Map<string, Delta<NarrowKey>>();
  const dailyBy = new Map<string, Delta<NarrowKey>>();
  for (const r of rows) {
    const ms = r.at.getTime();
    const hour = new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
    const day = new Date(Math.floor(ms / DAY_MS) * DAY_MS);
    const buckets: [number, number, number] = [latencyBucket(r.gatewayMs + r.upstreamMs), latencyBucket(r.gatewayMs), latencyBucket(r.upstreamMs)];
    const full = `${r.versionId}|${r.appId ?? ""}|${r.channel}`;
    const fullKey = (time: Date) => () => ({ time, modelId: r.modelId, versionId: r.versionId, appId: r.appId, channel: r.channel });
    add(hourly, `${hour.toISOString()}|${full}`, fullKey(hour), r, buckets);
    add(daily, `${day.toISOString()}|${full}`, fullKey(day), r, buckets);
    const app = r.appId ?? "";
    for (const [dim, key] of [["model", r.modelId], ["app", app], ["channel", r.channel], ["line", `${r.modelId}|${app}`]] as const) {
      add(hourlyBy, `${dim}|${key}|${hour.toISOString()}`, () => ({ time: hour, dim, key }), r, buckets);
      add(dailyBy, `${dim}|${key}|${day.toISOString()}`, () => ({ time: day, dim, key }), r, buckets);
    }
  }
  return { hourly: sorted(hourly), daily: sorted(daily), hourlyBy: sorted(hourlyBy), dailyBy: sorted(dailyBy) };
}

export const histLiteral = (h: readonly number[]) => `{${h.join(",")}}`;

export function addHists(into: Hists, d: Hists): Hists {
  for (let k = 0; k < 3; k++) for (let i = 0; i < into[k].length; i++) into[k][i] += d[k][i];
  return into;
}
