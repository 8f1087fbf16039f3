// Recording throughput with the roll-ups on. The gateway's recorder (lib/usage/recorder) is not on this
// branch, so this measures a batch of the same shape: one multi-row INSERT into invocations plus one
// usage_hourly upsert of all its (hour, version, app, channel) keys with the three histograms — with the
// usage_daily triggers firing — in one transaction per batch, from 2 concurrent connections.
import pg from "pg";
import { BUCKET_COUNT, latencyBucket } from "../../lib/usage/latency-buckets";

const BATCH = 500;
const SECONDS = 10;

// One statement for the whole batch: keys as parallel arrays, the histograms flattened (82 per key) and sliced.
const UPSERT = `INSERT INTO usage_hourly AS t (bucket, "modelId", "versionId", "appId", channel, calls, errors, "costMicros", "valueMicros",
    "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")
  SELECT k.b, k.m, k.v, k.a, k.ch, k.calls, k.errors, k.cost, k.value, k.gw, k.up,
         ($12::bigint[])[(k.n - 1) * 82 + 1 : k.n * 82], ($13::bigint[])[(k.n - 1) * 82 + 1 : k.n * 82], ($14::bigint[])[(k.n - 1) * 82 + 1 : k.n * 82]
    FROM unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::uuid[], $5::"Channel"[], $6::bigint[], $7::bigint[], $8::bigint[],
                $9::bigint[], $10::float8[], $11::float8[]) WITH ORDINALITY AS k(b, m, v, a, ch, calls, errors, cost, value, gw, up, n)
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
    // Folded per roll-up key in the process, then one upsert for the batch (the daily trigger fires once).
    const keys = new Map<string, typeof rows>();
    for (const r of rows) keys.set(`${r.versionId}|${r.appId}`, [...(keys.get(`${r.versionId}|${r.appId}`) ?? []), r]);
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO invocations (at, "requestId", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "costMicros", "valueMicros")
       SELECT $1, r, m, v, a, 'api', 200, gw, up, 800, 2000 FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::float8[], $7::float8[]) AS u(r, m, v, a, gw, up)`,
      [now, rows.map((r) => `bench-${r.id}`), rows.map((r) => r.modelId), rows.map((r) => r.versionId), rows.map((r) => r.appId), rows.map((r) => r.gw), rows.map((r) => r.up)],
    );
    const lists = [...keys.values()];
    const flat = (k: number) => lists.flatMap((list) => {
      const h = new Array<number>(BUCKET_COUNT).fill(0);
      for (const r of list) h[latencyBucket(k === 0 ? r.gw + r.up : k === 1 ? r.gw : r.up)]++;
      return h;
    });
    await c.query(UPSERT, [lists.map(() => hour), lists.map((l) => l[0].modelId), lists.map((l) => l[0].versionId), lists.map((l) => l[0].appId),
      lists.map(() => "api"), lists.map((l) => l.length), lists.map(() => 0), lists.map((l) => 800 * l.length), lists.map((l) => 2000 * l.length),
      lists.map((l) => l.reduce((s, r) => s + r.gw, 0)), lists.map((l) => l.reduce((s, r) => s + r.up, 0)), flat(0), flat(1), flat(2)]);
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
  const line = `Recording (batches of ${BATCH}: one multi-row INSERT + one roll-up upsert, daily triggers on, 2 connections, ${SECONDS} s): ` +
    `${Math.round(recorded / seconds).toLocaleString("en-US")} invocations/s.\n` +
    `Roll-up lag: 0 s — usage_hourly and usage_daily change in the recording transaction; right after the run the daily roll-up counted ${visible.toLocaleString("en-US")} of the ${recorded.toLocaleString("en-US")} recorded calls.`;
  log(line);
  return line;
}
