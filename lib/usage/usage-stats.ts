import { percentileFromHistogram } from "@/lib/usage/latency-buckets";
import type { Figures, Histograms } from "@/lib/usage/query-rollups";

export type Percentiles = { p50: number | null; p95: number | null; p99: number | null };
export type UsageStats = {
  calls: number;
  errors: number;
  errorRate: number | null;
  costMicros: bigint;
  valueMicros: bigint;
  latencyMs: { total: Percentiles; gateway: Percentiles; model: Percentiles };
};

export const NO_FIGURES: Figures = { calls: 0n, errors: 0n, costMicros: 0n, valueMicros: 0n };

const percentiles = (h: number[] | undefined): Percentiles => ({
  p50: h ? percentileFromHistogram(h, 0.5) : null,
  p95: h ? percentileFromHistogram(h, 0.95) : null,
  p99: h ? percentileFromHistogram(h, 0.99) : null,
});

/** Counts, money and latency percentiles (total, gateway, model) from summed figures and merged histograms. */
export function usageStats(f: Figures, h: Histograms | undefined): UsageStats {
  return {
    calls: Number(f.calls),
    errors: Number(f.errors),
    errorRate: f.calls > 0n ? Number(f.errors) / Number(f.calls) : null,
    costMicros: f.costMicros,
    valueMicros: f.valueMicros,
    latencyMs: { total: percentiles(h?.[0]), gateway: percentiles(h?.[1]), model: percentiles(h?.[2]) },
  };
}

/** (value − cost) / cost; null when nothing was spent (ROI is undefined, not infinite). */
export function roiOf(valueMicros: bigint, costMicros: bigint): number | null {
  return costMicros === 0n ? null : Number(valueMicros - costMicros) / Number(costMicros);
}
