import { emptyHistogram, mergeHistograms, percentileFromHistogram } from "@/lib/usage/latency-buckets";
import type { FactRow, Histograms } from "@/lib/usage/query-usage-facts";

export type Percentiles = { p50: number | null; p95: number | null; p99: number | null };
export type UsageStats = {
  calls: number;
  errors: number;
  errorRate: number | null;
  costMicros: bigint;
  valueMicros: bigint;
  latencyMs: { total: Percentiles; gateway: Percentiles; model: Percentiles };
};

const percentiles = (h: number[]): Percentiles => ({
  p50: percentileFromHistogram(h, 0.5),
  p95: percentileFromHistogram(h, 0.95),
  p99: percentileFromHistogram(h, 0.99),
});

/** Merges fact rows (counts, money) and histograms into one set of figures with percentiles. */
export function summarizeFacts(rows: FactRow[], histograms: Histograms[]): UsageStats {
  const hist = [emptyHistogram(), emptyHistogram(), emptyHistogram()];
  for (const h of histograms) h.forEach((one, k) => mergeHistograms(hist[k], one));
  let calls = 0n;
  let errors = 0n;
  let costMicros = 0n;
  let valueMicros = 0n;
  for (const r of rows) {
    calls += r.calls;
    errors += r.errors;
    costMicros += r.costMicros;
    valueMicros += r.valueMicros;
  }
  return {
    calls: Number(calls),
    errors: Number(errors),
    errorRate: calls > 0n ? Number(errors) / Number(calls) : null,
    costMicros,
    valueMicros,
    latencyMs: { total: percentiles(hist[0]), gateway: percentiles(hist[1]), model: percentiles(hist[2]) },
  };
}

/** (value − cost) / cost; null when nothing was spent (ROI is undefined, not infinite). */
export function roiOf(valueMicros: bigint, costMicros: bigint): number | null {
  return costMicros === 0n ? null : Number(valueMicros - costMicros) / Number(costMicros);
}

export function groupFacts<K>(rows: FactRow[], keyOf: (r: FactRow) => K): Map<K, FactRow[]> {
  const out = new Map<K, FactRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
