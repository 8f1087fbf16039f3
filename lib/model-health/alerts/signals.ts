import "server-only";
import { sql } from "kysely";
import { driftSignal } from "@/lib/model-health/alerts/drift-signal";
import { goldenSignal } from "@/lib/model-health/alerts/golden-signal";
import { referenceAccuracyOf } from "@/lib/model-health/feedback/reference-accuracy";
import { kdb } from "@/lib/server/db";
import { percentileFromHistogram, mergeHistograms, emptyHistogram } from "@/lib/usage/latency-buckets";

/** What a signal knows of a version when it sets the threshold. */
export type SignalVersion = { id: string; referenceAccuracy: number | null; card: string };

/**
 * One health signal: reads a figure per version for a window, and compares it with the version's threshold
 * (the owner's setting for `rule`, else `defaultSetting`, turned into a threshold by `threshold`). Adding a
 * signal is one entry in `registry`: the alerts job, the thresholds API and the status pick it up.
 */
export type Signal = {
  rule: string;
  /** What the owner sets, in words (the thresholds API documents it). */
  setting: string;
  defaultSetting: number;
  /** A breach of a failing signal makes the model failing; of a warning one, warning. */
  severity: "failing" | "warning";
  /** Breached when the figure is above the threshold, or below it. */
  breachWhen: "above" | "below";
  /** The window the figure is read over, ending now. */
  windowMs: number;
  /** Figures per version id; a version without enough data is left out (no breach, no recovery). */
  read: (versionIds: string[], from: Date, to: Date) => Promise<Map<string, number>>;
  /** The threshold for a version from the setting; null when the version has nothing to compare with. */
  threshold: (setting: number, version: SignalVersion) => number | null | Promise<number | null>;
};

const HOUR = 3_600_000;
/** Fewer scored calls or calls than this in the window are no evidence either way. */
export const MIN_SAMPLE = 10;

const accuracy: Signal = {
  rule: "accuracy",
  setting: "points (0–1) below the reference accuracy",
  defaultSetting: 0.05,
  severity: "failing",
  breachWhen: "below",
  windowMs: 24 * HOUR,
  read: async (ids, from, to) => {
    const rows = await kdb()
      .selectFrom("ground_truth")
      .select(["versionId", sql<number>`count(*) FILTER (WHERE "actualLabel" = "predictedLabel")::float / count(*)`.as("figure")])
      .where("versionId", "in", ids)
      .where("at", ">=", from)
      .where("at", "<", to)
      .where("feedbackAt", "is not", null)
      .where("actualLabel", "is not", null)
      .groupBy("versionId")
      .having(sql<number>`count(*)`, ">=", MIN_SAMPLE)
      .execute();
    return new Map(rows.map((r) => [r.versionId, Number(r.figure)]));
  },
  threshold: (drop, v) => {
    const reference = referenceAccuracyOf({ referenceAccuracy: v.referenceAccuracy, model: { card: v.card } });
    return reference === null ? null : reference - drop;
  },
};

const errorRate: Signal = {
  rule: "error_rate",
  setting: "share (0–1) of calls answered with a server error (5xx)",
  defaultSetting: 0.05,
  severity: "failing",
  breachWhen: "above",
  windowMs: HOUR / 4,
  read: async (ids, from, to) => {
    const rows = await kdb()
      .selectFrom("invocations")
      .select(["versionId", sql<number>`count(*) FILTER (WHERE "statusCode" >= 500)::float / count(*)`.as("figure")])
      .where("versionId", "in", ids)
      .where("at", ">=", from)
      .where("at", "<", to)
      .groupBy("versionId")
      .having(sql<number>`count(*)`, ">=", MIN_SAMPLE)
      .execute();
    return new Map(rows.map((r) => [r.versionId, Number(r.figure)]));
  },
  threshold: (share) => share,
};

/** Per version: the hourly latency histograms merged over [from, to), from the roll-ups. */
async function latencyP95(ids: string[], from: Date, to: Date): Promise<Map<string, { p95: number | null; calls: number }>> {
  const rows = await kdb()
    .selectFrom("usage_hourly")
    .select(["versionId", "latencyHist", "calls"])
    .where("versionId", "in", ids)
    .where("bucket", ">=", from)
    .where("bucket", "<", to)
    .execute();
  const merged = new Map<string, { hist: number[]; calls: number }>();
  for (const r of rows) {
    const m = merged.get(r.versionId) ?? { hist: emptyHistogram(), calls: 0 };
    m.hist = mergeHistograms(m.hist, (r.latencyHist ?? []).map(Number));
    m.calls += Number(r.calls);
    merged.set(r.versionId, m);
  }
  return new Map([...merged].map(([id, m]) => [id, { p95: percentileFromHistogram(m.hist, 0.95), calls: m.calls }]));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The 7 whole days before today (UTC). */
function lastSevenDays(): { from: Date; to: Date } {
  const to = new Date();
  to.setUTCHours(0, 0, 0, 0);
  return { from: new Date(to.getTime() - 7 * 24 * HOUR), to };
}

/** Per day of the last 7 (days without calls left out): the merged latency histogram's p95, and the cost. */
async function dailyFigures(versionId: string): Promise<{ p95: number[]; cost: number[] }> {
  const { from, to } = lastSevenDays();
  const rows = await kdb()
    .selectFrom("usage_hourly")
    .select(["bucket", "latencyHist", "costMicros", "calls"])
    .where("versionId", "=", versionId)
    .where("bucket", ">=", from)
    .where("bucket", "<", to)
    .execute();
  const days = new Map<string, { hist: number[]; cost: number; calls: number }>();
  for (const r of rows) {
    const key = new Date(r.bucket).toISOString().slice(0, 10);
    const d = days.get(key) ?? { hist: emptyHistogram(), cost: 0, calls: 0 };
    d.hist = mergeHistograms(d.hist, (r.latencyHist ?? []).map(Number));
    d.cost += Number(r.costMicros);
    d.calls += Number(r.calls);
    days.set(key, d);
  }
  const active = [...days.values()].filter((d) => d.calls > 0);
  return {
    p95: active.map((d) => percentileFromHistogram(d.hist, 0.95)).filter((x): x is number => x !== null),
    cost: active.map((d) => d.cost),
  };
}

// Baselines change once a day: read once per version and day, not every 30 s.
const baselines = new Map<string, { day: string; figures: Promise<{ p95: number[]; cost: number[] }> }>();
function baselineOf(versionId: string) {
  const day = new Date().toISOString().slice(0, 10);
  let hit = baselines.get(versionId);
  if (!hit || hit.day !== day) {
    if (baselines.size > 20_000) baselines.clear();
    hit = { day, figures: dailyFigures(versionId) };
    hit.figures.catch(() => baselines.delete(versionId));
    baselines.set(versionId, hit);
  }
  return hit.figures;
}

const latency: Signal = {
  rule: "latency_p95",
  setting: "factor over the 7-day median of the daily p95 latency",
  defaultSetting: 2,
  severity: "warning",
  breachWhen: "above",
  windowMs: HOUR,
  read: async (ids, from, to) => {
    // The current and the previous hour's buckets: whole hours, the current one kept seconds behind the calls.
    const start = new Date(Math.floor(from.getTime() / HOUR) * HOUR);
    const figures = await latencyP95(ids, start, to);
    return new Map(
      [...figures].filter(([, f]) => f.p95 !== null && f.calls >= MIN_SAMPLE).map(([id, f]) => [id, f.p95!] as [string, number]),
    );
  },
  threshold: async (factor, v) => {
    const base = median((await baselineOf(v.id)).p95);
    return base === null ? null : base * factor;
  },
};

async function costMicros(ids: string[], from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await kdb()
    .selectFrom("usage_hourly")
    .select(["versionId", sql<string>`sum("costMicros")`.as("cost")])
    .where("versionId", "in", ids)
    .where("bucket", ">=", from)
    .where("bucket", "<", to)
    .groupBy("versionId")
    .execute();
  return new Map(rows.map((r) => [r.versionId, Number(r.cost)]));
}

const costPerDay: Signal = {
  rule: "cost_per_day",
  setting: "factor over the 7-day median of the daily cost",
  defaultSetting: 2,
  severity: "warning",
  breachWhen: "above",
  windowMs: 24 * HOUR,
  read: (ids, from, to) => costMicros(ids, from, to),
  threshold: async (factor, v) => {
    const base = median((await baselineOf(v.id)).cost);
    return base === null || base === 0 ? null : base * factor;
  },
};

const registry: readonly Signal[] = [accuracy, errorRate, latency, costPerDay, driftSignal, goldenSignal];

/** The signals the alerts job evaluates, in order. */
export function signals(): readonly Signal[] {
  return registry;
}
