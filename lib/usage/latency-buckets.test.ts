import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, bucketUpperMs, emptyHistogram, latencyBucket, mergeHistograms, percentileFromHistogram } from "./latency-buckets";

describe("latency buckets", () => {
  it("puts a latency in the first bucket whose upper bound is not below it", () => {
    for (const ms of [0.05, 0.1, 0.11, 1, 3.7, 12, 250, 9999, 120_000]) {
      const i = latencyBucket(ms);
      expect(bucketUpperMs(i)).toBeGreaterThanOrEqual(Math.min(ms, bucketUpperMs(BUCKET_COUNT - 1)));
      if (i > 0) expect(bucketUpperMs(i - 1)).toBeLessThan(ms);
    }
    expect(latencyBucket(10 ** 9)).toBe(BUCKET_COUNT - 1);
  });

  it("computes percentiles within one bucket of the truth", () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1 + i * 0.5);
    const hist = emptyHistogram();
    for (const v of values) hist[latencyBucket(v)]++;
    const p95 = percentileFromHistogram(hist, 0.95)!;
    expect(p95).toBeGreaterThanOrEqual(values[949]);
    expect(p95).toBeLessThanOrEqual(values[949] * 1.2);
    expect(percentileFromHistogram(emptyHistogram(), 0.5)).toBeNull();
    expect(mergeHistograms(emptyHistogram(), hist).reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it("merges stored histograms that stop at their last non-empty bucket", () => {
    const merged = mergeHistograms(mergeHistograms(emptyHistogram(), [0, 2]), [1n, 0n, 0n, 5n]);
    expect(merged.slice(0, 5)).toEqual([1, 2, 0, 5, 0]);
    expect(merged).toHaveLength(BUCKET_COUNT);
  });
});
