import pg from "pg";
import { describe, expect, it } from "vitest";
import { addCompactText, addHistText, BUCKET_COUNT, bucketUpperMs, emptyHistogram, latencyBucket, mergeHistograms, parseHist, percentileFromHistogram } from "./latency-buckets";

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

describe("histogram text", () => {
  it("parses array_to_string lists, short or empty, and ';'-separated groups with a sign", () => {
    expect(parseHist("3,0,12").slice(0, 4)).toEqual([3, 0, 12, 0]);
    expect(parseHist("")).toEqual(emptyHistogram());
    expect(parseHist(null)).toEqual(emptyHistogram());
    const into = [emptyHistogram(), emptyHistogram(), emptyHistogram()];
    addHistText(into, "1,2;;9000000000,4");
    addHistText(into, "1,1;5;1,4", -1);
    expect(into.map((h) => h.slice(0, 3))).toEqual([[0, 1, 0], [-5, 0, 0], [8_999_999_999, 0, 0]]);
    const long = Array.from({ length: BUCKET_COUNT + 3 }, (_, i) => i).join(",");
    expect(parseHist(long)).toEqual(Array.from({ length: BUCKET_COUNT }, (_, i) => i)); // extra elements ignored
  });

  it("reads \"i:count\" entries, i running over the three histograms (modelport_hist_compact)", async () => {
    const into = [emptyHistogram(), emptyHistogram(), emptyHistogram()];
    addCompactText(into, `5:7,${2 * BUCKET_COUNT + 81}:${2 ** 39},${BUCKET_COUNT}:1,5:1`);
    addCompactText(into, "");
    addCompactText(into, ",,"); // string_agg over empty rows
    expect(into[0][5]).toBe(8);
    expect(into[1][0]).toBe(1);
    expect(into[2][81]).toBe(2 ** 39);
    expect(into.flat().reduce((a, b) => a + b, 0)).toBe(8 + 1 + 2 ** 39);
  });

});
