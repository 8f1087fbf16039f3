import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { kdb, pool as sharedPool } from "@/lib/server/db";
import { BUCKET_COUNT } from "@/lib/usage/latency-buckets";
import { GroupCommitRecorder } from "@/lib/usage/recorder/group-commit";
import type { InvocationRecord } from "@/lib/usage/recorder/types";
import { writeInvocationBatch } from "@/lib/usage/recorder/write-batch";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";

// The process's one pool (lib/server/db.ts), as the recorder uses it.
const pool = sharedPool();

function row(over: Partial<InvocationRecord> & Pick<InvocationRecord, "modelId" | "versionId">): InvocationRecord {
  return {
    at: new Date(),
    requestId: `req_${randomBytes(6).toString("hex")}`,
    appId: null,
    apiKeyId: null,
    userId: null,
    channel: "api",
    statusCode: 200,
    errorCode: null,
    gatewayMs: Math.random() * 3,
    upstreamMs: Math.random() * 40,
    bytesIn: 40,
    bytesOut: 90,
    tokensIn: null,
    tokensOut: null,
    costMicros: BigInt(100),
    valueMicros: BigInt(2000),
    ...over,
  };
}

describe("group commit recorder", () => {
  it("shares flushes between concurrent callers and resolves each only after its batch is written", async () => {
    const written: number[][] = [];
    let release: () => void = () => {};
    const recorder = new GroupCommitRecorder<number>(async (rows) => {
      written.push(rows);
      if (written.length === 1) await new Promise<void>((r) => (release = r));
    });
    const done = new Set<number>();
    const all = Array.from({ length: 50 }, (_, i) => recorder.record(i).then(() => done.add(i)));
    await new Promise((r) => setImmediate(r));
    expect(written).toEqual([[0]]); // the first flush is still in progress
    expect(done.size).toBe(0);
    expect(recorder.stats().backlog).toBe(49);
    release();
    await Promise.all(all);
    expect(written[1]).toHaveLength(49); // everything that queued meanwhile went in one batch
    expect(recorder.stats()).toMatchObject({ backlog: 0, flushes: 2, rows: 50 });
  });

  it("under load, lets rows arriving later in the same event-loop turn join the batch (idle, flushes at once)", async () => {
    const written: number[][] = [];
    const gates: (() => void)[] = [];
    const recorder = new GroupCommitRecorder<number>(async (rows) => {
      written.push(rows);
      await new Promise<void>((r) => gates.push(r));
    });
    const turn = () => new Promise((r) => setImmediate(r));
    const all = [recorder.record(0)];
    expect(written).toEqual([[0]]); // idle: no waiting
    all.push(recorder.record(1), recorder.record(2), recorder.record(3));
    gates.shift()!();
    await turn();
    expect(written[1]).toEqual([1, 2, 3]);
    all.push(recorder.record(4), recorder.record(5));
    gates.shift()!(); // the flush of 3 rows ends: [4, 5] are taken, and the rest of this turn may add to them
    setImmediate(() => void all.push(recorder.record(6))); // e.g. an answer read from a socket later in the turn
    await turn();
    await turn();
    expect(written[2]).toEqual([4, 5, 6]);
    while (gates.length) gates.shift()!();
    await Promise.all(all);
    expect(written).toHaveLength(3);
  });

  it("rejects only the bad row when a batch fails", async () => {
    const recorder = new GroupCommitRecorder<number>(async (rows) => {
      if (rows.includes(3)) throw new Error("bad row");
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => recorder.record(n)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  });
});

describe("writeInvocationBatch", () => {
  it("stores every value exactly, whatever characters the text columns hold (pg's own array parameters)", async () => {
    const { model } = await createModel();
    const v = await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const tag = randomBytes(4).toString("hex");
    const awkward = ["NULL", "null", "", " lead", 'a"b', "a\\b", "{x,y}", "tab\tend", "é ü 漢", `req_${tag}_plain`];
    const rows = awkward.map((text, i) =>
      row({
        modelId: model.id,
        versionId: v.id,
        requestId: `${tag}:${i}:${text}`,
        errorCode: i % 2 ? text : null,
        gatewayMs: i === 3 ? 1e-7 : i / 3,
        costMicros: BigInt("9007199254740993"),
        tokensIn: i === 4 ? null : i,
      }),
    );
    await writeInvocationBatch(pool, rows);
    const { rows: stored } = await pool.query<{
      requestId: string;
      errorCode: string | null;
      gatewayMs: number;
      costMicros: string;
      tokensIn: number | null;
      at: Date;
    }>(
      `SELECT "requestId", "errorCode", "gatewayMs", "costMicros"::text AS "costMicros", "tokensIn", "at" FROM invocations WHERE "requestId" LIKE $1 ORDER BY "requestId"`,
      [`${tag}:%`],
    );
    const expected = [...rows].sort((a, b) => (a.requestId < b.requestId ? -1 : 1));
    expect(stored.map((r) => [r.requestId, r.errorCode, r.gatewayMs, r.costMicros, r.tokensIn, r.at.getTime()])).toEqual(
      expected.map((r) => [r.requestId, r.errorCode, r.gatewayMs, "9007199254740993", r.tokensIn, r.at.getTime()]),
    );
  });

  it("keeps usage_hourly equal to the raw rows after many concurrent group-committed calls", async () => {
    const { model } = await createModel();
    const v = await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { app, key } = await createAppWithKey();
    const recorder = new GroupCommitRecorder<InvocationRecord>((rows) => writeInvocationBatch(pool, rows, [key.id]));
    const calls = Array.from({ length: 300 }, (_, i) =>
      row({
        modelId: model.id,
        versionId: v.id,
        appId: i % 3 === 0 ? null : app.id,
        apiKeyId: i % 3 === 0 ? null : key.id,
        channel: i % 3 === 0 ? "console" : "api",
        statusCode: i % 7 === 0 ? 502 : 200,
        costMicros: BigInt(i),
        valueMicros: BigInt(i % 7 === 0 ? 0 : 2000),
      }),
    );
    await Promise.all(calls.map((c) => recorder.record(c)));
    expect(recorder.stats().flushes).toBeLessThan(300);
    // the same again, to exercise the ON CONFLICT path (histograms added element-wise)
    await Promise.all(calls.map((c) => recorder.record({ ...c, requestId: `${c.requestId}b` })));
    const queued = await pool.query(`SELECT count(*)::int AS n FROM usage_pending WHERE "versionId" = $1`, [v.id]);
    expect(queued.rows[0].n).toBe(600); // committed with the rows, not yet rolled up
    await flushRollups(kdb());
    expect((await pool.query(`SELECT count(*)::int AS n FROM usage_pending WHERE "versionId" = $1`, [v.id])).rows[0].n).toBe(0);

    const raw = await pool.query(
      `SELECT "appId", channel, count(*)::int AS calls, count(*) FILTER (WHERE "statusCode" >= 400)::int AS errors,
              sum("costMicros")::text AS cost, sum("valueMicros")::text AS value, sum("bytesIn")::int AS bin,
              sum("gatewayMs") AS gsum, sum("upstreamMs") AS usum
         FROM invocations WHERE "versionId" = $1 GROUP BY 1, 2 ORDER BY 2`,
      [v.id],
    );
    const rolled = await pool.query(
      `SELECT "appId", channel, sum(calls)::int AS calls, sum(errors)::int AS errors, sum("costMicros")::text AS cost,
              sum("valueMicros")::text AS value, sum("bytesIn")::int AS bin, sum("gatewayMsSum") AS gsum, sum("upstreamMsSum") AS usum,
              min(array_length("latencyHist", 1))::int AS histlen, count(*)::int AS nrows
         FROM usage_hourly WHERE "versionId" = $1 GROUP BY 1, 2 ORDER BY 2`,
      [v.id],
    );
    expect(raw.rows.reduce((s, r) => s + r.calls, 0)).toBe(600);
    expect(rolled.rows).toHaveLength(raw.rows.length);
    for (const [i, r] of raw.rows.entries()) {
      const u = rolled.rows[i];
      expect([u.appId, u.channel, u.calls, u.errors, u.cost, u.value, u.bin]).toEqual([
        r.appId,
        r.channel,
        r.calls,
        r.errors,
        r.cost,
        r.value,
        r.bin,
      ]);
      expect(u.gsum).toBeCloseTo(r.gsum, 6);
      expect(u.usum).toBeCloseTo(r.usum, 6);
    }
    // one roll-up row per hour × app × channel even for NULL appId (NULLS NOT DISTINCT)
    const hours = await pool.query(`SELECT count(DISTINCT date_trunc('hour', at))::int AS n FROM invocations WHERE "versionId" = $1`, [
      v.id,
    ]);
    for (const u of rolled.rows) {
      expect(u.nrows).toBe(hours.rows[0].n);
      expect(u.histlen).toBeLessThanOrEqual(BUCKET_COUNT); // stored up to the last non-empty bucket
    }
    const histTotal = await pool.query(`SELECT sum(x)::int AS n FROM usage_hourly, unnest("latencyHist") AS x WHERE "versionId" = $1`, [
      v.id,
    ]);
    expect(histTotal.rows[0].n).toBe(600);
    const touched = await pool.query(`SELECT "lastUsedAt" FROM api_keys WHERE id = $1`, [key.id]);
    expect(touched.rows[0].lastUsedAt).not.toBeNull();
  });
});
