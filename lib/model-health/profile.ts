import type { Role, Row } from "@/lib/model-health/rows";
import { REDACTED } from "@/lib/model-health/redact";

// A reference profile: per feature its type, missing rate and either 10 quantile bins with their counts
// (numeric) or category frequencies (categorical). Drift later counts a window's values into the same bins.

export type FeatureProfile = {
  /** `input:<name>` or `output:<name>`: the feature's key in the health bins. */
  key: string;
  name: string;
  role: Role;
  type: "numeric" | "categorical";
  count: number;
  missingRate: number;
  /** Numeric: the inner cut points (up to 9); bin i holds values ≤ edges[i] and > edges[i-1]. */
  edges?: number[];
  binCounts?: number[];
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  /** Categorical: value → count. */
  categories?: Record<string, number>;
};

export const BIN_COUNT = 10;

export const isMissing = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));

/** The bin of a numeric value against a profile's cut points. */
export function binOf(edges: readonly number[], value: number): number {
  let i = 0;
  while (i < edges.length && value > edges[i]) i += 1;
  return i;
}

/** Profiles every feature seen in `rows` (columns in `only`, when given), in order of first appearance. */
export function profileRows(rows: readonly Row[], role: Role, only?: readonly string[]): FeatureProfile[] {
  const names = only ? [...only] : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return names.map((name) =>
    profileColumn(
      name,
      role,
      rows.map((r) => r[name]),
    ),
  );
}

function profileColumn(name: string, role: Role, raw: unknown[]): FeatureProfile {
  const values = raw.filter((v) => v !== REDACTED);
  const present = values.filter((v) => !isMissing(v));
  const base = {
    key: `${role}:${name}`,
    name,
    role,
    count: values.length,
    missingRate: values.length ? 1 - present.length / values.length : 0,
  };
  if (present.length > 0 && present.every((v) => typeof v === "number")) {
    const sorted = (present as number[]).slice().sort((a, b) => a - b);
    const cuts = new Set<number>();
    for (let i = 1; i < BIN_COUNT; i++) cuts.add(sorted[Math.max(0, Math.ceil((i * sorted.length) / BIN_COUNT) - 1)]);
    // A cut at the maximum would leave its upper bin empty forever; equal cuts (few distinct values) merge.
    const edges = [...cuts].filter((c) => c < sorted[sorted.length - 1]).sort((a, b) => a - b);
    const binCounts = new Array<number>(edges.length + 1).fill(0);
    for (const v of sorted) binCounts[binOf(edges, v)] += 1;
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const std = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / sorted.length);
    return { ...base, type: "numeric", edges, binCounts, min: sorted[0], max: sorted[sorted.length - 1], mean, std };
  }
  const categories: Record<string, number> = {};
  for (const v of present) categories[String(v)] = (categories[String(v)] ?? 0) + 1;
  return { ...base, type: "categorical", categories };
}

/** The health-bin buckets one value falls in: its bin or category, and the checks it fails. */
export function bucketsOf(feature: FeatureProfile, value: unknown): string[] {
  if (value === REDACTED) return [];
  if (isMissing(value)) return ["n", "missing"];
  if (feature.type === "numeric") {
    if (typeof value !== "number") return ["n", "type_mismatch"];
    const out = ["n", `b${binOf(feature.edges ?? [], value)}`];
    if (value < (feature.min ?? value) || value > (feature.max ?? value)) out.push("out_of_range");
    return out;
  }
  const text = String(value);
  const out = ["n", `c:${text}`];
  if (!(text in (feature.categories ?? {}))) out.push("new_category");
  return out;
}
