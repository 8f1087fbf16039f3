import pg from "pg";
import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, bucketUpperMs, latencyBucket, mergeHistograms, emptyHistogram, percentileFromHistogram } from "./latency-buckets";

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

  it("matches the SQL function used by roll-ups computed in Postgres", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const samples = [0, 0.1, 0.1001, 0.2, 0.5, 1, 1.4142, 2, 7.5, 33, 100, 1234.5, 60_000, 10 ** 7];
    const { rows } = await client.query<{ b: number }>(
      "SELECT modelport_latency_bucket(x) AS b FROM unnest($1::float8[]) WITH ORDINALITY AS t(x, n) ORDER BY n",
      [samples],
    );
    await client.end();
    expect(rows.map((r) => r.b)).toEqual(samples.map(latencyBucket));
  });
});
