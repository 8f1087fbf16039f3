// Recording throughput with the roll-ups on. The gateway's recorder (lib/usage/recorder) is not on this
// branch, so this measures a batch of the same shape: one multi-row INSERT into invocations plus one
// usage_hourly upsert per (hour, version, app, channel) key with the three histograms — with the
// usage_daily triggers firing — in one transaction per batch, from 2 concurrent connections.
import pg from "pg";
import { BUCKET_COUNT, latencyBucket } from "../../lib/usage/latency-buckets";

const BATCH = 500;
const SECONDS = 10;

const UPSERT = `INSERT INTO usage_hourly AS t (bucket, "modelId", "versionId", "appId", channel, calls, errors, "costMicros", "valueMicros",
    "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")
  SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::uuid[], $5::"Channel"[], $6::bigint[], $7::bigint[], $8::bigint[],
    $9::bigint[], $10::float8[], $11::float8[]) AS k(b, m, v, a, ch, calls, errors, cost, value, gw, up)
  CROSS JOIN LATERAL (SELECT $12::bigint[] AS lh, $13::bigint[] AS gh, $14::bigint[] AS uh) h
  ON CONFLICT (bucket, "versionId", "appId", channel) DO UPDATE SET calls = t.calls + EXCLUDED.calls, errors = t.errors + EXCLUDED.errors,
    "costMicros" = t."costMicros" + EXCLUDED."costMicros", "valueMicros" = t."valueMicros" + EXCLUDED."valueMicros",
    "gatewayMsSum" = t."gatewayMsSum" + EXCLUDED."gatewayMsSum", "upstreamMsSum" = t."upstreamMsSum" + EXCLUDED."upstreamMsSum",
    "latencyHist" = modelport_hist_add(t."latencyHist", EXCLUDED."latencyHist"), "gatewayHist" = modelport_hist_add(t."gatewayHist", EXCLUDED."gatewayHist"),
    "upstreamHist" = modelport_hist_add(t."upstreamHist", EXCLUDED."upstreamHist")`;

type Pair = { modelId: string; versionId: string; appId: string };

async function worker(url: string, pairs: Pair[], until: number, seq: { n: number }): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let recorded = 0;
  while (performance.now() < until) {
    const now = new Date();
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const rows = Array.from({ length: BATCH }, () => {
      const p = pairs[Math.floor(Math.random() ** 2 * pairs.length)];
      return { ...p, gw: 0.3 + Math.random() * 3, up: 5 + Math.random() * 150, id: ++seq.n };
    });
    // The recorder folds a batch per roll-up key before upserting; one key's histograms per upsert statement
    // keeps the statement simple here (the daily trigger then fires once per statement).
    const keys = new Map<string, typeof rows>();
    for (const r of rows) keys.set(`${r.versionId}|${r.appId}`, [...(keys.get(`${r.versionId}|${r.appId}`) ?? []), r]);
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO invocations (at, "requestId", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "costMicros", "valueMicros")
       SELECT $1, r, m, v, a, 'api', 200, gw, up, 800, 2000 FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::float8[], $7::float8[]) AS u(r, m, v, a, gw, up)`,
      [now, rows.map((r) => `bench-${r.id}`), rows.map((r) => r.modelId), rows.map((r) => r.versionId), rows.map((r) => r.appId), rows.map((r) => r.gw), rows.map((r) => r.up)],
    );
    for (const list of keys.values()) {
      const h = [0, 1, 2].map(() => new Array<number>(BUCKET_COUNT).fill(0));
      for (const r of list) {
        h[0][latencyBucket(r.gw + r.up)]++;
        h[1][latencyBucket(r.gw)]++;
        h[2][latencyBucket(r.up)]++;
      }
      const first = list[0];
      await c.query(UPSERT, [[hour], [first.modelId], [first.versionId], [first.appId], ["api"], [list.length], [0], [800 * list.length],
        [2000 * list.length], [list.reduce((s, r) => s + r.gw, 0)], [list.reduce((s, r) => s + r.up, 0)], h[0], h[1], h[2]]);
    }
    await c.query("COMMIT");
    recorded += rows.length;
  }
  await c.end();
  return recorded;
}

/** Runs the recording load and returns the report lines (throughput and roll-up lag). */
export async function measureRecording(c: pg.Client, log: (line: string) => void): Promise<string> {
  const url = (c as unknown as { connectionParameters: { connectionString?: string } }).connectionParameters.connectionString ?? process.env.DATABASE_URL!;
  const pairs = (await c.query<Pair>(`SELECT DISTINCT ON (u."versionId", u."appId") u."modelId", u."versionId", u."appId"
      FROM usage_daily u WHERE u."appId" IS NOT NULL ORDER BY u."versionId", u."appId" LIMIT 400`)).rows;
  const before = (await c.query<{ n: string }>(`SELECT coalesce(sum(calls), 0) n FROM usage_daily`)).rows[0].n;
  const seq = { n: 0 };
  const start = performance.now();
  const until = start + SECONDS * 1000;
  const counts = await Promise.all([worker(url, pairs, until, seq), worker(url, pairs, until, seq)]);
  const seconds = (performance.now() - start) / 1000;
  const recorded = counts.reduce((a, b) => a + b, 0);
  // Lag: the roll-ups are updated in the recording transaction, so a committed call is already counted.
  const after = (await c.query<{ n: string }>(`SELECT coalesce(sum(calls), 0) n FROM usage_daily`)).rows[0].n;
  const visible = BigInt(after) - BigInt(before);
  const line = `Recording (batch of ${BATCH} invocations + roll-up upserts per key, daily triggers on, 2 connections, ${SECONDS} s): ` +
    `${Math.round(recorded / seconds).toLocaleString("en-US")} invocations/s.\n` +
    `Roll-up lag: 0 s — usage_hourly and usage_daily change in the recording transaction; right after the run the daily roll-up counted ${visible.toLocaleString("en-US")} of the ${recorded.toLocaleString("en-US")} recorded calls.`;
  log(line);
  return line;
}
