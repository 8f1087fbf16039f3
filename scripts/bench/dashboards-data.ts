// Data generation for the dashboards benchmark, all inside Postgres (generate_series): reference data,
// N invocations over `days` days, then the hourly roll-up (built in SQL) and the daily one (the production
// rebuild function).
import type pg from "pg";

export type BenchShape = { rows: number; models: number; apps: number; days: number; end: Date };

// The latency bucket formula of lib/usage/latency-buckets.ts in float arithmetic (the numeric-precision
// SQL function is exact but too slow for 30 M evaluations during generation).
const BUCKET = (x: string) => `CASE WHEN ${x} <= 0.1 THEN 0 ELSE LEAST(81, GREATEST(0, ceil(4 * ln(${x} / 0.1) / ln(2) - 1e-9)))::int END`;

export async function createReferenceData(c: pg.Client, s: BenchShape) {
  await c.query(`INSERT INTO business_units (id, slug, name, "costCenter")
    SELECT gen_random_uuid(), 'bu-' || i, 'Business unit ' || i, 'CC-' || i FROM generate_series(1, 8) i`);
  await c.query(`INSERT INTO teams (id, slug, name, "businessUnitId")
    SELECT gen_random_uuid(), 'team-' || i, 'Team ' || i, (SELECT id FROM business_units ORDER BY slug OFFSET (i % 8) LIMIT 1)
    FROM generate_series(1, 40) i`);
  await c.query(`INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "expectedMonthlyValueMicros", "updatedAt")
    SELECT gen_random_uuid(), t.id, 'model-' || i, t.slug || '/model-' || i, 'Model ' || i, 'classification', 'onnx',
           (500 + (i * 37) % 4000), CASE WHEN i % 3 = 0 THEN 1000000000 ELSE NULL END, now()
    FROM generate_series(1, $1::int) i JOIN LATERAL (SELECT id, slug FROM teams ORDER BY slug OFFSET (i % 40) LIMIT 1) t ON true`, [s.models]);
  await c.query(`INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", "submittedAt", "approvedAt", "updatedAt")
    SELECT gen_random_uuid(), m.id, v || '.0.0', v, 0, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":800}',
           now() - interval '120 days', now() - interval '110 days', now()
    FROM models m CROSS JOIN generate_series(1, 2) v`);
  await c.query(`INSERT INTO apps (id, name, "teamId")
    SELECT gen_random_uuid(), 'app-' || i, (SELECT id FROM teams ORDER BY slug OFFSET (i % 40) LIMIT 1) FROM generate_series(1, $1::int) i`, [s.apps]);
}

/**
 * Invocations in chunks (for progress), in time order as the gateway appends them (an hour's calls share pages;
 * random times put each edge-minute row on a page of its own). Traffic is skewed like real traffic: each app calls a handful of
 * models, and a few (app, model) pairs carry most calls. 85 % of calls go to version 2, 95 % through the API.
 */
export async function generateInvocations(c: pg.Client, s: BenchShape, log: (line: string) => void) {
  await c.query(`CREATE TEMP TABLE bm AS SELECT row_number() OVER (ORDER BY slug) - 1 AS i, m.id,
      (SELECT id FROM model_versions v WHERE v."modelId" = m.id AND major = 1) AS v1,
      (SELECT id FROM model_versions v WHERE v."modelId" = m.id AND major = 2) AS v2 FROM models m`);
  await c.query(`CREATE TEMP TABLE ba AS SELECT row_number() OVER (ORDER BY name) - 1 AS i, id FROM apps`);
  await c.query(`CREATE UNIQUE INDEX ON bm (i); CREATE UNIQUE INDEX ON ba (i); ANALYZE bm; ANALYZE ba`);
  const chunk = 1_000_000;
  const spanSeconds = s.days * 86_400;
  for (let done = 0; done < s.rows; done += chunk) {
    const n = Math.min(chunk, s.rows - done);
    const t0 = performance.now();
    await c.query(
      `INSERT INTO invocations (id, at, "requestId", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "costMicros", "valueMicros")
       SELECT g.id, g.at, 'req-' || g.id, bm.id, CASE WHEN g.r1 < 0.15 THEN bm.v1 ELSE bm.v2 END, ba.id,
              CASE WHEN g.r2 < 0.05 THEN 'console'::"Channel" ELSE 'api'::"Channel" END, g.status, g.gw, g.up,
              800 + (g.up * 10)::bigint, CASE WHEN g.status < 400 THEN 2000 ELSE 0 END
         FROM (SELECT x AS id, $2::timestamptz - make_interval(secs => ($7::bigint - x + random()) * $3 / $7::bigint) AS at,
                      floor(power(random(), 2.5) * ($4 * 5))::int AS pair, random() AS r1, random() AS r2,
                      CASE WHEN random() < 0.02 THEN 502 ELSE 200 END AS status,
                      0.3 + random() * 3 AS gw, exp(ln(5) + random() * ln(40)) AS up
                 FROM generate_series($1::bigint + 1, $1::bigint + $5::bigint) x) g
         JOIN ba ON ba.i = g.pair % $4
         JOIN bm ON bm.i = ((g.pair / $4) * 97 + (g.pair % $4) * 7919) % $6`,
      [done, s.end, spanSeconds, s.apps, n, s.models, s.rows],
    );
    log(`  ${(done + n).toLocaleString("en-US")} invocations (${((performance.now() - t0) / 1000).toFixed(1)} s for this chunk)`);
  }
  await c.query(`SELECT setval('invocations_id_seq', $1::bigint)`, [s.rows]);
}

/**
 * A roll-up table from invocations in SQL, one GROUP BY pass: sums per key and the three histograms from the
 * keys' bucket lists (a small plpgsql loop fills the 82 counters).
 */
export async function buildRollup(c: pg.Client, table: "usage_hourly" | "usage_daily") {
  await c.query(`CREATE OR REPLACE FUNCTION bench_hist_of(bs int[]) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE h bigint[] := array_fill(0::bigint, ARRAY[82]); b int;
    BEGIN
      FOREACH b IN ARRAY bs LOOP h[b + 1] := h[b + 1] + 1; END LOOP;
      RETURN h;
    END $$`);
  const [column, unit] = table === "usage_hourly" ? ["bucket", "hour"] : ["day", "day"];
  await c.query(`INSERT INTO ${table} ("${column}", "modelId", "versionId", "appId", channel, calls, errors, "bytesIn", "bytesOut",
      "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")
    SELECT date_trunc('${unit}', i.at, 'UTC'), i."modelId", i."versionId", i."appId", i.channel, count(*),
           count(*) FILTER (WHERE i."statusCode" >= 400), 0, 0, sum(i."costMicros"), sum(i."valueMicros"), sum(i."gatewayMs"), sum(i."upstreamMs"),
           bench_hist_of(array_agg(${BUCKET(`(i."gatewayMs" + i."upstreamMs")`)})), bench_hist_of(array_agg(${BUCKET(`i."gatewayMs"`)})),
           bench_hist_of(array_agg(${BUCKET(`i."upstreamMs"`)}))
      FROM invocations i GROUP BY 1, 2, 3, 4, 5`);
}

const DIMS = `CROSS JOIN LATERAL (VALUES ('model'::text, i."modelId"::text), ('app'::text, coalesce(i."appId"::text, '')), ('channel'::text, i.channel::text),
  ('line'::text, i."modelId"::text || '|' || coalesce(i."appId"::text, ''))) AS k(dim, key)`;
const SUMS = `count(*), count(*) FILTER (WHERE i."statusCode" >= 400), sum(i."costMicros"), sum(i."valueMicros"), sum(i."gatewayMs"), sum(i."upstreamMs"),
  bench_hist_of(array_agg(${BUCKET(`(i."gatewayMs" + i."upstreamMs")`)})), bench_hist_of(array_agg(${BUCKET(`i."gatewayMs"`)})),
  bench_hist_of(array_agg(${BUCKET(`i."upstreamMs"`)}))`;

/**
 * The narrow roll-ups from the generated rows in one pass each (the production triggers would derive the same
 * from usage_hourly, but unnesting millions of hourly histograms is far slower): usage_hourly_by straight from
 * the rows; usage_daily_by's day figures from the rows, its cumulative histograms by the production fold.
 */
export async function buildNarrowRollups(c: pg.Client) {
  await c.query(`SET session_replication_role = replica`);
  await c.query(`DELETE FROM usage_hourly_by`);
  await c.query(`INSERT INTO usage_hourly_by ("bucket", dim, key, calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum",
      "latencyHist", "gatewayHist", "upstreamHist")
    SELECT date_trunc('hour', i.at, 'UTC'), k.dim, k.key, ${SUMS} FROM invocations i ${DIMS} GROUP BY 1, 2, 3
    -- In time order, as the roll-up worker writes it: an hour's rows share pages instead of one page each.
    ORDER BY 1, 2`);
  await c.query(`SET session_replication_role = origin`);
  await c.query(`BEGIN`);
  await c.query(`DELETE FROM usage_daily_by`);
  await c.query(`SELECT modelport_usage_daily_by_prepare()`);
  await c.query(`INSERT INTO modelport_daily_by_delta SELECT date_trunc('day', i.at, 'UTC'), k.dim, k.key, ${SUMS} FROM invocations i ${DIMS} GROUP BY 1, 2, 3`);
  await c.query(`SELECT modelport_usage_daily_by_fold()`);
  await c.query(`COMMIT`);
}
