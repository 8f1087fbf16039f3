import { jensenShannon, psi } from "@/lib/model-health/drift-math";
import type { FeatureProfile } from "@/lib/model-health/profile";

// Turns summed health-bin counts (bucket → count) for one feature into its drift figure and its violations.

export type Buckets = Record<string, number>;

export type DriftFigure = { metric: "psi" | "jensen_shannon"; value: number | null; n: number };

export type Violation = {
  feature: string;
  role: "input" | "output";
  check: "missing_rate" | "type_mismatch" | "out_of_range" | "new_category";
  count: number;
  observed: number;
  reference: number | null;
  message: string;
};

/**
 * Fewer counted values than this give no drift figure: with 10 bins, a handful of values leaves most bins empty
 * and PSI would call any hour "drift". The series show such hours as gaps, the window as "too few rows".
 */
export const MIN_ROWS = 30;

/** Missing rates up to this much above the reference's are noise, not a violation. */
const MISSING_TOLERANCE = 0.02;

export function driftOf(feature: FeatureProfile, buckets: Buckets): DriftFigure {
  if (feature.type === "numeric") {
    const ref = feature.binCounts ?? [];
    const actual = ref.map((_, i) => buckets[`b${i}`] ?? 0);
    const n = actual.reduce((a, b) => a + b, 0);
    return { metric: "psi", value: n >= MIN_ROWS ? round(psi(ref, actual)) : null, n };
  }
  const actual: Record<string, number> = {};
  for (const [bucket, count] of Object.entries(buckets)) if (bucket.startsWith("c:")) actual[bucket.slice(2)] = count;
  const n = Object.values(actual).reduce((a, b) => a + b, 0);
  return { metric: "jensen_shannon", value: n >= MIN_ROWS ? round(jensenShannon(feature.categories ?? {}, actual)) : null, n };
}

export function violationsOf(feature: FeatureProfile, buckets: Buckets): Violation[] {
  const n = buckets.n ?? 0;
  if (n === 0) return [];
  const base = { feature: feature.name, role: feature.role };
  const out: Violation[] = [];
  const missing = buckets.missing ?? 0;
  if (missing / n > feature.missingRate + MISSING_TOLERANCE)
    out.push({
      ...base,
      check: "missing_rate",
      count: missing,
      observed: round(missing / n),
      reference: round(feature.missingRate),
      message: `${pct(missing / n)} missing, the reference has ${pct(feature.missingRate)}`,
    });
  const simple = [
    ["type_mismatch", `values that are not ${feature.type === "numeric" ? "numbers" : "categories"}`],
    ["out_of_range", `values outside the reference range ${short(feature.min)}…${short(feature.max)}`],
    ["new_category", "categories the reference never saw"],
  ] as const;
  for (const [check, what] of simple) {
    const count = buckets[check] ?? 0;
    if (count > 0) out.push({ ...base, check, count, observed: round(count / n), reference: 0, message: `${count} ${what}` });
  }
  return out;
}

/** A number as people read it on a page (4 significant digits). */
export const short = (x: number | undefined) => (x === undefined ? "" : String(Number(x.toPrecision(4))));
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
