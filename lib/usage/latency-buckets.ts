// Fixed log-scale latency buckets shared by the fold and the dashboards, so histograms merge over any range.
// Bucket i holds latencies in (upper(i-1), upper(i)] ms, where upper(i) = 0.1 ms × 2^(i/4): about 19 % wide,
// from 0.1 ms to ~2 minutes. A stored histogram is a bigint[] whose element i counts bucket i; trailing empty
// buckets are not stored, so a histogram may be shorter than BUCKET_COUNT (missing elements count as zero).

export const BUCKET_COUNT = 82;
const BASE_MS = 0.1;
const STEPS_PER_DOUBLING = 4;

export function bucketUpperMs(index: number): number {
  return BASE_MS * 2 ** (index / STEPS_PER_DOUBLING);
}

export function latencyBucket(ms: number): number {
  if (!(ms > BASE_MS)) return 0;
  const index = Math.ceil(STEPS_PER_DOUBLING * Math.log2(ms / BASE_MS) - 1e-9);
  return Math.min(BUCKET_COUNT - 1, Math.max(0, index));
}

export function emptyHistogram(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

/** Adds histogram b into a (element-wise); missing elements count as zero. */
export function mergeHistograms(a: number[], b: ReadonlyArray<number | bigint>): number[] {
  for (let i = 0; i < BUCKET_COUNT; i++) a[i] = (a[i] ?? 0) + Number(b[i] ?? 0);
  return a;
}

/**
 * The p-th percentile (0 < p ≤ 1) of a histogram, as the upper bound of the bucket holding it
 * (so the answer is never below the true value, and at most one bucket width above). Null when empty.
 */
export function percentileFromHistogram(hist: ReadonlyArray<number | bigint>, p: number): number | null {
  let total = 0;
  for (const c of hist) total += Number(c);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += Number(hist[i]);
    if (seen >= rank) return bucketUpperMs(i);
  }
  return bucketUpperMs(hist.length - 1);
}
