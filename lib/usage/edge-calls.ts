import { BUCKET_COUNT, latencyBucket } from "@/lib/usage/latency-buckets";
import type { Histograms } from "@/lib/usage/query-usage-facts";

// A roll-up query's edge minutes (a range that starts or ends mid-hour) are read from the invocation rows, one
// row per call, and summed and bucketed here: a few thousand rows, for which one scan plus Node costs a
// quarter of SQL's three-bucket grouping sets and half of a second scan for the sums.

export type EdgeCall = { period: string | null; key: string; label?: string; error: boolean; cost: string; value: string; gw: number; up: number };
export type EdgeSums = { period: string | null; key: string; label: string; calls: string; errors: string; cost: string; value: string; gw: number; up: number };

/** Calls, errors, cost, value and latency sums per (period, key); money in exact integers. */
export function sumCalls(calls: readonly EdgeCall[]): EdgeSums[] {
  const out = new Map<string, { period: string | null; key: string; label: string; calls: number; errors: number; cost: bigint; value: bigint; gw: number; up: number }>();
  for (const c of calls) {
    const id = `${c.period}|${c.key}`;
    let r = out.get(id);
    if (!r) out.set(id, (r = { period: c.period, key: c.key, label: c.label ?? c.key, calls: 0, errors: 0, cost: 0n, value: 0n, gw: 0, up: 0 }));
    r.calls += 1;
    if (c.error) r.errors += 1;
    r.cost += BigInt(c.cost);
    r.value += BigInt(c.value);
    r.gw += c.gw;
    r.up += c.up;
  }
  return [...out.values()].map((r) => ({ ...r, calls: String(r.calls), errors: String(r.errors), cost: String(r.cost), value: String(r.value) }));
}

const zeros = () => new Array<number>(BUCKET_COUNT).fill(0);
export function histogramsOf(map: Map<string, Histograms>, id: string): Histograms {
  let h = map.get(id);
  if (!h) map.set(id, (h = [zeros(), zeros(), zeros()]));
  return h;
}

/** Adds each call to its period's histograms and to its group's (groupOf: null = the call's group is gone). */
export function bucketCalls(calls: readonly EdgeCall[], periodHist: Map<string, Histograms>, groupHist: Map<string, Histograms>, groupOf: (key: string) => string | null): void {
  for (const c of calls) {
    const p = histogramsOf(periodHist, c.period ?? "");
    const group = groupOf(c.key);
    const g = group === null ? null : histogramsOf(groupHist, group);
    const total = latencyBucket(c.gw + c.up);
    const gateway = latencyBucket(c.gw);
    const model = latencyBucket(c.up);
    p[0][total] += 1;
    p[1][gateway] += 1;
    p[2][model] += 1;
    if (g) {
      g[0][total] += 1;
      g[1][gateway] += 1;
      g[2][model] += 1;
    }
  }
}
