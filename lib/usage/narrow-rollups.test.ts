// The unfiltered dashboards read the narrow roll-ups (usage_hourly_by / usage_daily_by, lib/usage/query-narrow-facts.ts).
// On a database of its own (so "everything" is exactly this test's data), calls are recorded through the real
// recorder path (invocation rows + queue, then the roll-up worker), in shuffled time order so later days exist
// before earlier ones arrive; then every unfiltered report must equal the same report computed from raw rows.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

const HOUR = 3_600_000;
const start = new Date(Date.UTC(2026, 4, 4, 0, 0, 0));
let pool: pg.Pool;
const ids = { models: [] as string[], versions: [] as string[], apps: [] as string[] };

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  const one = async (sql: string, params: unknown[]) => (await pool.query<{ id: string }>(sql, params)).rows[0].id;
  const tag = randomBytes(3).toString("hex");
  const teams: string[] = [];
  for (const n of [1, 2, 3]) {
    const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $1) RETURNING id`, [`bu${n}-${tag}`, `Unit ${n}`]);
    teams.push(await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [`t${n}-${tag}`, bu]));
  }
  for (const n of [1, 2]) {
    const model = await one(`INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt")
      VALUES (gen_random_uuid(), $1, $2, $3, $2, 't', 'onnx', now()) RETURNING id`, [teams[n - 1], `m${n}`, `t${n}-${tag}/m${n}`]);
    ids.models.push(model);
    for (const major of [1, 2]) {
      ids.versions.push(await one(`INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", "updatedAt")
        VALUES (gen_random_uuid(), $1, $2, $3, 0, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":5}', now()) RETURNING id`, [model, `${major}.0.0`, major]));
    }
  }
  for (const n of [1, 2, 3]) ids.apps.push(await one(`INSERT INTO apps (id, name, "teamId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [`app${n}`, teams[(n % 3)]]));

  const { GroupCommitRecorder } = await import("@/lib/usage/recorder/group-commit");
  const { writeInvocationBatch } = await import("@/lib/usage/recorder/write-batch");
  const { flushRollups } = await import("@/lib/usage/recorder/rollup-worker");
  const calls: InvocationRecord[] = [];
  for (let i = 0; i < 1500; i++) {
    const v = Math.floor(rand() * 4);
    const a = rand();
    const console = a < 0.1;
    const status = rand() < 0.07 ? 502 : 200;
    calls.push({
      at: new Date(start.getTime() + Math.floor(rand() * 9 * 24 * HOUR)), requestId: `r${i}-${tag}`, modelId: ids.models[v >> 1], versionId: ids.versions[v],
      appId: console ? null : ids.apps[Math.floor(rand() * 3)], apiKeyId: null, userId: null, channel: console ? "console" : "api", statusCode: status,
      errorCode: null, gatewayMs: 0.1 + rand() * 4, upstreamMs: rand() * 900, bytesIn: 1, bytesOut: 2, tokensIn: null, tokensOut: null,
      costMicros: BigInt(1 + Math.floor(rand() * 1000)), valueMicros: status < 400 ? 3000n : 0n,
    });
  }
  // Shuffled in chunks: the later days' cumulative rows exist when earlier days' calls are folded in.
  const recorder = new GroupCommitRecorder<InvocationRecord>((rows) => writeInvocationBatch(pool, rows), 200);
  const order = [...calls].sort(() => rand() - 0.5);
  for (let i = 0; i < order.length; i += 300) {
    await Promise.all(order.slice(i, i + 300).map((c) => recorder.record(c)));
    await flushRollups(pool);
  }
  // App 2 is soft-deleted: labelled "(deleted)".
  await pool.query(`UPDATE apps SET "deletedAt" = now() WHERE id = $1`, [ids.apps[1]]);
}, 120_000);

afterAll(async () => {
  await pool?.end();
});

describe("narrow roll-ups", () => {
  it("usage_daily_by's cumulative histograms are the running sums of its daily ones, and both match usage_hourly", async () => {
    const bad = await pool.query(`
      SELECT d.dim, d.key, d.day FROM usage_daily_by d
       WHERE d."cumLatency" IS DISTINCT FROM (
         SELECT array_agg(s ORDER BY i) FROM (SELECT u.i, sum(u.x)::bigint AS s FROM usage_daily_by p, unnest(p."latencyHist") WITH ORDINALITY AS u(x, i)
                                              WHERE p.dim = d.dim AND p.key = d.key AND p.day <= d.day GROUP BY u.i) z)`);
    expect(bad.rows).toEqual([]);
    const badSums = await pool.query(`
      SELECT d.dim, d.key, d.day FROM usage_daily_by d
        JOIN LATERAL (SELECT sum(p.calls) AS calls, sum(p.errors) AS errors, sum(p."costMicros") AS cost, sum(p."valueMicros") AS value,
                             sum(p."gatewayMsSum") AS gw FROM usage_daily_by p WHERE p.dim = d.dim AND p.key = d.key AND p.day <= d.day) r ON true
       WHERE (d."cumCalls", d."cumErrors", d."cumCostMicros", d."cumValueMicros") IS DISTINCT FROM (r.calls, r.errors, r.cost, r.value)
          OR abs(d."cumGatewayMsSum" - r.gw) > 1e-6`);
    expect(badSums.rows).toEqual([]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM usage_daily_by WHERE "cumCalls" > calls`)).rows[0].n).toBeGreaterThan(0);
    const sums = await pool.query(`
      SELECT (SELECT sum(calls) FROM usage_hourly)::int AS hourly, (SELECT count(*) FROM invocations)::int AS raw,
             (SELECT json_object_agg(dim, n) FROM (SELECT dim, sum(calls)::int AS n FROM usage_daily_by GROUP BY dim) x) AS daily,
             (SELECT json_object_agg(dim, n) FROM (SELECT dim, sum(calls)::int AS n FROM usage_hourly_by GROUP BY dim) x) AS byhour,
             (SELECT count(*)::int FROM usage_pending) AS pending`);
    expect(sums.rows[0]).toEqual({
      hourly: 1500, raw: 1500, pending: 0,
      daily: { model: 1500, app: 1500, channel: 1500, line: 1500 }, byhour: { model: 1500, app: 1500, channel: 1500, line: 1500 },
    });
    const days = await pool.query(`SELECT count(DISTINCT day)::int AS n FROM usage_daily_by`);
    expect(days.rows[0].n).toBe(9);
    // The keys stay in the row: a key moved to the TOAST table made every GROUP BY key 10× slower.
    const toasted = await pool.query(`
      SELECT (SELECT count(*)::int FROM usage_daily_by WHERE pg_column_toast_chunk_id(key) IS NOT NULL OR pg_column_toast_chunk_id(dim) IS NOT NULL) AS daily,
             (SELECT count(*)::int FROM usage_hourly_by WHERE pg_column_toast_chunk_id(key) IS NOT NULL OR pg_column_toast_chunk_id(dim) IS NOT NULL) AS hourly,
             (SELECT count(*)::int FROM usage_hourly_by WHERE pg_column_toast_chunk_id("latencyHist") IS NOT NULL) AS hists`);
    expect(toasted.rows[0]).toEqual({ daily: 0, hourly: 0, hists: expect.any(Number) });
    expect(toasted.rows[0].hists).toBeGreaterThan(0); // the histograms still go out of line, as intended
  });

  it("the roll-up worker's usage_daily_by equals the SQL rebuild from the raw rows (the seed's and the triggers' fold)", async () => {
    // Latency sums rounded: the two paths add the same floats in different orders.
    const snapshot = `SELECT dim, key, day, calls, errors, "costMicros", "valueMicros", round("gatewayMsSum"::numeric, 6) AS gw,
        round("upstreamMsSum"::numeric, 6) AS up, "latencyHist", "gatewayHist", "upstreamHist", "cumText", "cumCalls", "cumErrors",
        "cumCostMicros", "cumValueMicros", round("cumGatewayMsSum"::numeric, 6) AS cgw, round("cumUpstreamMsSum"::numeric, 6) AS cup
      FROM usage_daily_by ORDER BY dim, key, day`;
    const client = await pool.connect();
    try {
      const worker = (await client.query(snapshot)).rows;
      await client.query("BEGIN");
      await client.query("SELECT modelport_rebuild_usage_narrow_from_invocations()");
      const rebuilt = (await client.query(snapshot)).rows;
      await client.query("ROLLBACK");
      expect(worker.length).toBeGreaterThan(100);
      expect(rebuilt).toEqual(worker);
    } finally {
      client.release();
    }
  });

  it("every unfiltered usage, ROI and chargeback report equals the raw rows' (mid-hour ranges, deleted apps)", async () => {
    const { getUsage } = await import("@/lib/usage/get-usage");
    const { getRoi } = await import("@/lib/usage/get-roi");
    const { getChargeback } = await import("@/lib/usage/get-chargeback");
    const { usageQuerySchema, roiQuerySchema } = await import("@/lib/usage/schemas");
    const { narrowDimension } = await import("@/lib/usage/query-narrow-facts");
    const viewer = { kind: "all" } as const;
    const ranges = [
      [new Date(start.getTime() + 5 * HOUR + 17 * 60_000 + 13_000), new Date(start.getTime() + 7 * 24 * HOUR + 3 * HOUR + 43 * 60_000)],
      [new Date(start.getTime() + 26 * HOUR), new Date(start.getTime() + 50 * HOUR + 1)],
      [new Date(start.getTime() - 24 * HOUR), new Date(start.getTime() + 10 * 24 * HOUR)],
    ];
    let compared = 0;
    for (const [from, to] of ranges) {
      for (const groupBy of ["model", "app", "business_unit", "channel"] as const) {
        for (const interval of ["day", "week"] as const) {
          const query = usageQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), groupBy, interval });
          expect(narrowDimension({ ...query, viewer, histograms: true })).not.toBeNull();
          const fast = await getUsage({ query, viewer });
          const raw = await getUsage({ query, viewer, source: "raw" });
          expect(fast.totals.calls).toBeGreaterThan(0);
          expect(fast).toEqual(raw);
          compared++;
        }
      }
      for (const groupBy of ["model", "app", "business_unit", "owner_business_unit"] as const) {
        const query = roiQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), groupBy });
        expect(await getRoi({ query, viewer })).toEqual(await getRoi({ query, viewer, source: "raw" }));
        compared++;
      }
    }
    const statement = await getChargeback({ month: "2026-05", viewer });
    expect(statement).toEqual(await getChargeback({ month: "2026-05", viewer, source: "raw" }));
    expect(statement.statements.flatMap((s) => s.lines).some((l) => l.app.endsWith("(deleted)"))).toBe(true);
    expect(compared).toBe(36);
  });
});
