// Crash test: the real built portal (scripts/start.ts) serves concurrent invocations; its server process is
// killed with SIGKILL mid-load; every response the client received must have its committed invocation row.
// Needs the production build (`npx next build`); without one, scripts/start.ts builds it first.
// Checked against a mutant that answers before the commit (recordInvocation not awaited): this test failed
// with answered requests missing their rows.
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openConnections } from "@/lib/server/db";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";
import { post } from "@/scripts/bench/support/load";
import { seedModel, startPortal, type Fixture, type Portal } from "@/scripts/bench/support/portal";
import { createTestDatabase } from "@/test/databases";

let portal: Portal;
let fx: Fixture;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  portal = await startPortal({ databaseUrl, env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000" } });
  fx = await seedModel(databaseUrl, { runtime: "onnx", artifactPath: path.resolve("prisma/seed-data/onnx/iris-classifier.onnx") });
}, 600_000);

afterAll(async () => {
  await portal?.stop();
});

it("a row exists for every response received before the server was SIGKILLed", async () => {
  const url = new URL(`${portal.url}/api/v1/models/${fx.owner}/${fx.name}/invoke`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 24 });
  const received: string[] = [];
  let killedAt = -1;
  let failures = 0;
  const KILL_AFTER = 400;
  // Looked up before the load, so the kill lands within microseconds of the response that triggers it
  // (an answer sent before its commit would then very likely have no row).
  const serverPids = portal.serverPids();
  expect(serverPids.length).toBeGreaterThan(0);
  const kill = () => {
    if (killedAt >= 0) return;
    killedAt = received.length;
    for (const pid of serverPids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
  const worker = async () => {
    for (let i = 0; i < 2000; i++) {
      try {
        const res = await post(agent, url, JSON.stringify({ features: [[4.8, 3.4, 1.6, 0.2]] }), { authorization: `Bearer ${fx.secret}` });
        const id = res.headers["x-request-id"];
        if (typeof id === "string") received.push(id);
        expect(res.status).toBe(200);
        if (received.length >= KILL_AFTER) kill();
      } catch (error) {
        if (killedAt < 0) throw error;
        failures++;
        return; // the server is gone: this worker's in-flight call was lost, which is allowed
      }
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
  agent.destroy();
  expect(killedAt).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(failures).toBeGreaterThan(0); // calls were really in flight when the server died

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query<{ requestId: string }>(`SELECT "requestId" FROM invocations WHERE "requestId" = ANY($1::text[])`, [
      received,
    ]);
    const missing = received.filter((id) => !found.rows.some((r) => r.requestId === id));
    expect(missing).toEqual([]);
    const total = Number((await client.query(`SELECT count(*) AS n FROM invocations WHERE "versionId" = $1`, [fx.versionId])).rows[0].n);
    expect(total).toBeGreaterThanOrEqual(received.length); // rows committed whose responses never arrived are fine
    // Roll-ups are folded asynchronously from the durable queue (usage_pending), committed with each row: after
    // the crash, folding what is left makes them equal to the rows — nothing lost, nothing counted twice.
    const folder = openConnections(databaseUrl, 1);
    try {
      await flushRollups(folder.kysely);
    } finally {
      await folder.pool.end();
    }
    const rolled = Number(
      (await client.query(`SELECT coalesce(sum(calls), 0) AS n FROM usage_hourly WHERE "versionId" = $1`, [fx.versionId])).rows[0].n,
    );
    expect(rolled).toBe(total);
  } finally {
    await client.end();
  }
}, 300_000);
