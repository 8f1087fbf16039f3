// The one fold, on a database of its own (so every queued call is this file's): exactly once whatever the order
// and the number of folders, a refused entry set aside while the rest folds, any other failure leaving the queue
// untouched, and the admin's way back for a set-aside entry.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { latencyBucket } from "@/lib/usage/latency-buckets";
import type { InvocationRecord } from "@/lib/usage/recorder/types";
import type { Kdb } from "@/lib/server/db";

const HOUR = 3_600_000;
let url: string;
let db: Kdb;
let client: pg.Client;
const ids = { models: [] as string[], versions: [] as string[], apps: [] as string[], units: [] as string[], user: "" };
const tag = randomBytes(3).toString("hex");

let seed = 11;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const one = async (text: string, params: unknown[] = []) => (await client.query<{ id: string }>(text, params)).rows[0].id;
const count = async (text: string, params: unknown[] = []) => Number((await client.query<{ n: string }>(text, params)).rows[0].n);

beforeAll(async () => {
  url = await createTestDatabase();
  process.env.DATABASE_URL = url; // before lib/server/db opens the process's pool
  db = (await import("@/lib/server/db")).kdb();
  client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const n of [1, 2]) {
    const unit = await one(
      `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`,
      [`u${n}-${tag}`],
    );
    const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
      `t${n}-${tag}`,
      unit,
    ]);
    ids.units.push(unit);
    const model = await one(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt")
      VALUES (gen_random_uuid(), $1, 'm', $2, 'M', 't', 'onnx', now()) RETURNING id`,
      [team, `t${n}-${tag}/m`],
    );
    ids.models.push(model);
    ids.versions.push(
      await one(
        `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", "updatedAt")
      VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":5}', now()) RETURNING id`,
        [model],
      ),
    );
    ids.apps.push(await one(`INSERT INTO apps (id, name, "teamId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [`a${n}`, team]));
  }
  ids.user = await one(`INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, 'Admin', 'admin') RETURNING id`, [
    `admin-${tag}@example.test`,
  ]);
}, 120_000);

afterAll(async () => {
  await client?.end();
  const { pool } = await import("@/lib/server/db");
  await pool().end();
});

function call(at: Date): InvocationRecord {
  const m = rand() < 0.5 ? 0 : 1;
  const app = rand();
  const status = rand() < 0.1 ? 503 : 200;
  return {
    at,
    requestId: `r-${randomBytes(6).toString("hex")}`,
    modelId: ids.models[m],
    versionId: ids.versions[m],
    appId: app < 0.15 ? null : ids.apps[app < 0.6 ? 0 : 1],
    apiKeyId: null,
    userId: null,
    channel: app < 0.15 ? "console" : "api",
    statusCode: status,
    errorCode: null,
    gatewayMs: 0.05 + rand() * 6,
    upstreamMs: rand() < 0.05 ? 0 : rand() * 3000,
    bytesIn: 10,
    bytesOut: 20,
    tokensIn: null,
    tokensOut: null,
    costMicros: BigInt(Math.floor(rand() * 10_000)),
    valueMicros: status < 400 ? 4000n : 0n,
  };
}

/** What a roll-up row must hold for a set of calls, as the definition says (not as the fold computes it). */
function expectedRows(calls: InvocationRecord[], keyOf: (c: InvocationRecord) => string[]) {
  const out = new Map<string, { calls: number; errors: number; cost: bigint; value: number; l: number[]; g: number[]; u: number[] }>();
  for (const c of calls) {
    for (const key of keyOf(c)) {
      let r = out.get(key);
      if (!r) out.set(key, (r = { calls: 0, errors: 0, cost: 0n, value: 0, l: [], g: [], u: [] }));
      r.calls += 1;
      if (c.statusCode >= 400) r.errors += 1;
      r.cost += c.costMicros;
      r.value += Number(c.valueMicros);
      for (const [h, ms] of [
        [r.l, c.gatewayMs + c.upstreamMs],
        [r.g, c.gatewayMs],
        [r.u, c.upstreamMs],
      ] as const) {
        const b = latencyBucket(ms);
        while (h.length <= b) h.push(0);
        h[b] += 1;
      }
    }
  }
  return [...out.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, r]) => ({ key, ...r, cost: String(r.cost), value: String(r.value) }));
}

const stored = async (text: string) =>
  (
    await client.query<{ key: string; calls: string; errors: string; cost: string; value: string; l: string[]; g: string[]; u: string[] }>(
      text,
    )
  ).rows.map((r) => ({
    key: r.key,
    calls: Number(r.calls),
    errors: Number(r.errors),
    cost: r.cost,
    value: r.value,
    l: r.l.map(Number),
    g: r.g.map(Number),
    u: r.u.map(Number),
  }));
const COLUMNS = `calls, errors, "costMicros"::text AS cost, "valueMicros"::text AS value, "latencyHist" AS l, "gatewayHist" AS g, "upstreamHist" AS u`;
const iso = (ms: number, step: number) => new Date(Math.floor(ms / step) * step).toISOString();

describe("the roll-up fold", () => {
  it("adds every call to all four roll-ups exactly once, whatever the order and however many folders run at once", async () => {
    const { GroupCommitRecorder } = await import("@/lib/usage/recorder/group-commit");
    const { writeInvocationBatch } = await import("@/lib/usage/recorder/write-batch");
    const { foldPending } = await import("@/lib/usage/rollups/fold-pending");
    const { flushRollups } = await import("@/lib/usage/rollups/rollup-worker");
    const start = Date.UTC(2026, 5, 1, 0, 0, 0);
    const calls = Array.from({ length: 900 }, () => call(new Date(start + Math.floor(rand() * 3 * 24 * HOUR))));
    const { pool } = await import("@/lib/server/db");
    const recorder = new GroupCommitRecorder<InvocationRecord>((rows) => writeInvocationBatch(pool(), rows), 150);
    // Out of time order, folded in between: later hours and days exist before earlier calls arrive, and rows are
    // added to (ON CONFLICT) as well as created.
    const order = [...calls].sort(() => rand() - 0.5);
    for (let i = 0; i < order.length; i += 300) {
      await Promise.all(order.slice(i, i + 300).map((c) => recorder.record(c)));
      // Several folders at once, as from several portal processes: the lock lets one fold at a time.
      const other = (await import("@/lib/server/db")).openConnections(url, 2);
      try {
        await Promise.all([flushRollups(db), flushRollups(other.kysely), foldPending(other.kysely, 7)]);
      } finally {
        await other.pool.end();
      }
    }
    expect(await count(`SELECT count(*) AS n FROM usage_pending`)).toBe(0);
    const DAY = 24 * HOUR;
    const unitOf = (c: InvocationRecord) => (c.appId === null ? "none" : ids.units[ids.apps.indexOf(c.appId)]);
    const full = (step: number) => (c: InvocationRecord) => [`${iso(c.at.getTime(), step)}|${c.versionId}|${c.appId ?? ""}|${c.channel}`];
    const narrow = (step: number) => (c: InvocationRecord) =>
      [`app|${c.appId ?? "none"}`, `channel|${c.channel}`, `model|${c.modelId}`, `unit|${unitOf(c)}`].map(
        (k) => `${k}|${iso(c.at.getTime(), step)}`,
      );
    const fullKey = (time: string) =>
      `to_char(${time} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || "versionId" || '|' || coalesce("appId"::text, '') || '|' || channel`;
    const narrowKey = (time: string) => `dim || '|' || key || '|' || to_char(${time} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    expect(await stored(`SELECT ${fullKey("bucket")} AS key, ${COLUMNS} FROM usage_hourly ORDER BY 1`)).toEqual(
      expectedRows(calls, full(HOUR)),
    );
    expect(await stored(`SELECT ${fullKey("day")} AS key, ${COLUMNS} FROM usage_daily ORDER BY 1`)).toEqual(expectedRows(calls, full(DAY)));
    expect(await stored(`SELECT ${narrowKey("bucket")} AS key, ${COLUMNS} FROM usage_hourly_by ORDER BY 1`)).toEqual(
      expectedRows(calls, narrow(HOUR)),
    );
    expect(await stored(`SELECT ${narrowKey("day")} AS key, ${COLUMNS} FROM usage_daily_by ORDER BY 1`)).toEqual(
      expectedRows(calls, narrow(DAY)),
    );
    const sums = await client.query(
      `SELECT sum("gatewayMsSum") AS gw, sum("upstreamMsSum") AS up, sum("bytesIn")::int AS bin FROM usage_hourly`,
    );
    expect(sums.rows[0].gw).toBeCloseTo(
      calls.reduce((s, c) => s + c.gatewayMs, 0),
      6,
    );
    expect(sums.rows[0].up).toBeCloseTo(
      calls.reduce((s, c) => s + c.upstreamMs, 0),
      6,
    );
    expect(sums.rows[0].bin).toBe(10 * calls.length);
  });

  it("sets a refused entry aside with the database's error and folds the rest (issue 13: a sum beyond bigint stalled every pass)", async () => {
    const { foldPending } = await import("@/lib/usage/rollups/fold-pending");
    const queue = (versionId: string, cost: string) =>
      client.query(
        `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
       VALUES ('2026-07-01T10:15:00Z', $1, $2, $3, 'api', 200, 1.5, 20, 1, 1, $4, 3)`,
        [ids.models[0], versionId, ids.apps[0], cost],
      );
    for (let i = 0; i < 40; i++) await queue(ids.versions[0], "1000");
    await queue(ids.versions[0], "9223372036854775807"); // with the 40 others, beyond bigint
    for (let i = 0; i < 40; i++) await queue(ids.versions[0], "1000");
    const missing = "00000000-0000-4000-8000-000000000000";
    await queue(missing, "1"); // a version that does not exist: usage_hourly's foreign key refuses it
    const result = await foldPending(db);
    expect(result).toEqual({ folded: 80, deadLettered: 2, locked: true });
    expect(await count(`SELECT count(*) AS n FROM usage_pending`)).toBe(0);
    const rolled = await client.query(
      `SELECT calls::int, "costMicros"::text AS cost FROM usage_hourly WHERE bucket = '2026-07-01T10:00:00Z' AND "versionId" = $1`,
      [ids.versions[0]],
    );
    expect(rolled.rows).toEqual([{ calls: 80, cost: "80000" }]);
    const dead = await client.query<{ error: string; entry: Record<string, unknown> }>(
      `SELECT error, entry FROM usage_dead_letters ORDER BY id`,
    );
    expect(dead.rows.map((d) => d.entry.costMicros)).toEqual(["9223372036854775807", "1"]);
    expect(dead.rows[0].error).toMatch(/out of range/);
    expect(dead.rows[1].error).toMatch(/foreign key/);
    expect(dead.rows[1].entry).toMatchObject({
      versionId: missing,
      modelId: ids.models[0],
      appId: ids.apps[0],
      channel: "api",
      statusCode: 200,
    });
  });

  it("keeps the worker folding after a bad entry: no pass fails, later calls still reach the roll-ups", async () => {
    const { startRollupWorker } = await import("@/lib/usage/rollups/rollup-worker");
    const deadBefore = await count(`SELECT count(*) AS n FROM usage_dead_letters`);
    const worker = startRollupWorker(db, { everyMs: 50, log: () => {} });
    try {
      await client.query(
        `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
        SELECT '2026-07-02T08:00:00Z', $1, CASE WHEN g = 3 THEN gen_random_uuid() ELSE $2 END, NULL, 'console', 200, 1, 1, 0, 0, 7, 0 FROM generate_series(1, 6) g`,
        [ids.models[1], ids.versions[1]],
      );
      await expect.poll(() => count(`SELECT count(*) AS n FROM usage_pending`), { timeout: 20_000 }).toBe(0);
      await client.query(
        `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
        VALUES ('2026-07-02T08:30:00Z', $1, $2, NULL, 'console', 200, 1, 1, 0, 0, 7, 0)`,
        [ids.models[1], ids.versions[1]],
      );
      await expect
        .poll(() => count(`SELECT coalesce(sum(calls), 0) AS n FROM usage_hourly WHERE bucket = '2026-07-02T08:00:00Z'`), {
          timeout: 20_000,
        })
        .toBe(6);
    } finally {
      await worker.stop();
    }
    expect(worker.stats()).toMatchObject({ failures: 0, deadLettered: 1 });
    expect(await count(`SELECT count(*) AS n FROM usage_dead_letters`)).toBe(deadBefore + 1);
  });

  it("leaves every call queued when a pass fails for any other reason (here: a lock it cannot get)", async () => {
    const { openConnections } = await import("@/lib/server/db");
    const { foldPending } = await import("@/lib/usage/rollups/fold-pending");
    await client.query(
      `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
      SELECT '2026-07-03T08:00:00Z', $1, $2, NULL, 'api', 200, 1, 1, 0, 0, 7, 0 FROM generate_series(1, 5)`,
      [ids.models[0], ids.versions[0]],
    );
    const impatient = openConnections(`${url}?options=${encodeURIComponent("-c lock_timeout=200")}`, 1);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE usage_daily IN ACCESS EXCLUSIVE MODE`);
      await expect(foldPending(impatient.kysely)).rejects.toMatchObject({ code: "55P03" });
      await holder.query(`ROLLBACK`);
    } finally {
      await holder.end();
      await impatient.pool.end();
    }
    expect(await count(`SELECT count(*) AS n FROM usage_pending`)).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM usage_hourly WHERE bucket = '2026-07-03T08:00:00Z'`)).toBe(0);
    await (await import("@/lib/usage/rollups/rollup-worker")).flushRollups(db);
    expect(await count(`SELECT coalesce(sum(calls), 0) AS n FROM usage_hourly WHERE bucket = '2026-07-03T08:00:00Z'`)).toBe(5);
  });

  it("lets an admin queue a set-aside entry again (refused again, it comes back) or discard it, both audited", async () => {
    const { requeueDeadLetter, discardDeadLetter, listDeadLetters } = await import("@/lib/usage/rollups/dead-letters");
    const { foldPending } = await import("@/lib/usage/rollups/fold-pending");
    const actor = { id: ids.user, label: "admin" };
    const before = await listDeadLetters();
    const overflow = before.items.find((d) => d.entry.costMicros === "9223372036854775807")!;
    expect(overflow.model).toBe(`t1-${tag}/m`);
    await requeueDeadLetter({ actor, id: overflow.id });
    expect(await count(`SELECT count(*) AS n FROM usage_pending WHERE "costMicros" = 9223372036854775807`)).toBe(1);
    expect(await foldPending(db)).toMatchObject({ folded: 0, deadLettered: 1 });
    const after = await listDeadLetters();
    expect(after.total).toBe(before.total);
    for (const d of after.items) await discardDeadLetter({ actor, id: d.id });
    expect((await listDeadLetters()).total).toBe(0);
    const audit = await client.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE action LIKE 'rollup.%' GROUP BY 1 ORDER BY 1`,
    );
    expect(audit.rows).toEqual([
      { action: "rollup.discard", n: after.total },
      { action: "rollup.requeue", n: 1 },
    ]);
    await expect(discardDeadLetter({ actor, id: "12345" })).rejects.toMatchObject({ code: "not_found" });
    await expect(requeueDeadLetter({ actor, id: "x'; DROP TABLE usage_pending; --" })).rejects.toMatchObject({ code: "not_found" });
    expect(await sql<{ n: number }>`SELECT count(*)::int AS n FROM usage_pending`.execute(db)).toMatchObject({ rows: [{ n: 0 }] });
  });
});
