// Data generation for the dashboards benchmark: reference data and N invocations over `days` days, inside
// Postgres (generate_series); then every call is queued and rolled up by the portal's own fold.
import type pg from "pg";
import { sql } from "kysely";
import type { Kdb } from "../../lib/server/db";
import { FOLD_BATCH, foldPending } from "../../lib/usage/rollups/fold-pending";

export type BenchShape = { rows: number; models: number; apps: number; days: number; end: Date };

export async function createReferenceData(c: pg.Client, s: BenchShape) {
  await c.query(`INSERT INTO business_units (id, slug, name, "costCenter")
    SELECT gen_random_uuid(), 'bu-' || i, 'Business unit ' || i, 'CC-' || i FROM generate_series(1, 8) i`);
  await c.query(`INSERT INTO teams (id, slug, name, "businessUnitId")
    SELECT gen_random_uuid(), 'team-' || i, 'Team ' || i, (SELECT id FROM business_units ORDER BY slug OFFSET (i % 8) LIMIT 1)
    FROM generate_series(1, 40) i`);
  await c.query(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "expectedMonthlyValueMicros", "updatedAt")
    SELECT gen_random_uuid(), t.id, 'model-' || i, t.slug || '/model-' || i, 'Model ' || i, 'classification', 'onnx',
           (500 + (i * 37) % 4000), CASE WHEN i % 3 = 0 THEN 1000000000 ELSE NULL END, now()
    FROM generate_series(1, $1::int) i JOIN LATERAL (SELECT id, slug FROM teams ORDER BY slug OFFSET (i % 40) LIMIT 1) t ON true`,
    [s.models],
  );
  await c.query(`INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", "submittedAt", "approvedAt", "updatedAt")
    SELECT gen_random_uuid(), m.id, v || '.0.0', v, 0, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":800}',
           now() - interval '120 days', now() - interval '110 days', now()
    FROM models m CROSS JOIN generate_series(1, 2) v`);
  await c.query(
    `INSERT INTO apps (id, name, "teamId")
    SELECT gen_random_uuid(), 'app-' || i, (SELECT id FROM teams ORDER BY slug OFFSET (i % 40) LIMIT 1) FROM generate_series(1, $1::int) i`,
    [s.apps],
  );
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
 * Rolls every generated call up the production way: queued like the recorder queues a call, then folded by
 * lib/usage/rollups/fold-pending.ts pass after pass (the roll-ups are emptied first). Returns calls per second.
 */
export async function rollUpThroughTheFold(db: Kdb, log: (line: string) => void): Promise<number> {
  await sql`TRUNCATE usage_pending, usage_hourly, usage_daily, usage_hourly_by, usage_daily_by`.execute(db);
  await sql`INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
    SELECT "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"
      FROM invocations ORDER BY "at"`.execute(db);
  return foldQueue(db, log);
}

/** Folds whatever is queued (e.g. after a migration re-queued every call), logging progress. */
export async function foldQueue(db: Kdb, log: (line: string) => void): Promise<number> {
  const start = performance.now();
  let total = 0;
  for (let pass = 1; ; pass++) {
    const r = await foldPending(db, FOLD_BATCH, true);
    total += r.folded + r.deadLettered;
    if (pass % 20 === 0)
      log(`  folded ${total.toLocaleString("en-US")} calls (${(total / ((performance.now() - start) / 1000)).toFixed(0)} calls/s)`);
    if (r.folded + r.deadLettered < FOLD_BATCH) break;
  }
  return total / ((performance.now() - start) / 1000);
}
