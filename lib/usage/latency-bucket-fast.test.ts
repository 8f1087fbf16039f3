import pg from "pg";
import { expect, it } from "vitest";
import { bucketUpperMs, latencyBucket } from "./latency-buckets";

it("the float SQL bucket function used for raw rows agrees with the TypeScript buckets", async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  // Random latencies over the whole scale, plus every bucket bound and values just around it.
  const samples = [0, 0.05, 0.1, ...Array.from({ length: 5000 }, (_, i) => 0.1 * 2 ** (((i * 7919) % 5000) / 5000 * 21))];
  for (let i = 0; i < 82; i++) samples.push(bucketUpperMs(i), bucketUpperMs(i) * 1.000001, bucketUpperMs(i) * 0.999999);
  const { rows } = await client.query<{ b: number }>(
    "SELECT modelport_latency_bucket_fast(x) AS b FROM unnest($1::float8[]) WITH ORDINALITY AS t(x, n) ORDER BY n", [samples]);
  await client.end();
  expect(rows.map((r) => r.b)).toEqual(samples.map(latencyBucket));
});
