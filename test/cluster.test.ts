// Several nodes, proven (issue 17): two gateway door processes (gateway/server.ts, started as scripts/start.ts
// starts it) in front of one real PostgreSQL, with MODELPORT_RATE_LIMIT_STORE=postgres, and calls spread over
// both. What this proves: a key's limit holds across nodes (N in total, not N per node), a revoke is honoured by
// both on their next call, a budget's hard cap holds across nodes, every call is recorded once and folded into
// the roll-ups once (two nodes folding at the same time), and each locked background job runs on one node per
// tick. Next itself is not started (a stub stands where it would be): "a catalog edit is searchable on both at
// once" is proven with two full nodes in e2e/two-nodes.spec.ts (docs/scaling.md).
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/apps/revoke-api-key";
import { createAppWithKey, createModel, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import { JOBS } from "@/lib/jobs/background-jobs";
import { db, openConnections } from "@/lib/server/db";
import { runJob, type Job } from "@/lib/server/jobs";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";
import { startDoor, type DoorProcess } from "@/test/door-process";

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };
const KEY_LIMIT = 6;
const PER_CALL = 100; // micros: the fixtures' per-call cost model

type Connections = ReturnType<typeof openConnections>;

let next: Server;
let nodes: DoorProcess[] = [];
let pools: Connections[] = [];
let path = "";

beforeAll(async () => {
  next = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(599).end()); // "not the door's": nothing here may reach Next
  });
  await new Promise<void>((r) => next.listen(0, "127.0.0.1", () => r()));
  const env = {
    MODELPORT_RATE_LIMIT_STORE: "postgres",
    MODELPORT_RATE_LIMIT_KEY: String(KEY_LIMIT),
    // Only a notification can evict a node's cached key: kept 10 minutes otherwise.
    MODELPORT_GATEWAY_CACHE_TTL_MS: "600000",
    // Every call reads the committed spend: the exact cap, whichever node served the calls before.
    MODELPORT_BUDGET_SPEND_TTL_MS: "0",
  };
  const nextPort = (next.address() as AddressInfo).port;
  nodes = await Promise.all([startDoor({ nextPort, env }), startDoor({ nextPort, env })]);
  // Each node's own pool on the same database, as the portal's role (for the jobs and the fold).
  pools = [openConnections(process.env.DATABASE_URL!, 4), openConnections(process.env.DATABASE_URL!, 4)];
  const m = await createModel();
  await createVersion(m.model.id, { version: "1.0.0", status: "approved" });
  path = `/api/v1/models/${m.owner}/${m.name}/invoke`;
}, 180_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await Promise.all(pools.map((p) => p.pool.end()));
  next?.closeAllConnections();
  await new Promise((r) => next?.close(r));
});

async function call(node: DoorProcess, secret: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${node.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(iris.exampleInput),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

const recorded = async (appId: string, status?: number) =>
  db.invocation.count({ where: { appId, ...(status === undefined ? {} : { statusCode: status }) } });

describe("two nodes on one database", () => {
  it("holds a key's limit across nodes: N calls in total are served, not N per node, and each is recorded once", async () => {
    const { app, secret } = await createAppWithKey();
    // 14 calls at once, 7 on each node: with per-node counters 12 would pass.
    const answers = await Promise.all(Array.from({ length: 14 }, (_, i) => call(nodes[i % 2], secret)));
    const served = answers.filter((a) => a.status === 200).length;
    expect(served).toBe(KEY_LIMIT);
    expect(answers.filter((a) => a.status === 429 && a.code === "rate_limited")).toHaveLength(14 - KEY_LIMIT);
    // Both nodes refuse once the shared count is spent.
    expect((await call(nodes[0], secret)).status).toBe(429);
    expect((await call(nodes[1], secret)).status).toBe(429);
    // Each node commits a call before its answer leaves: the served calls are all there, once each.
    expect(await recorded(app.id, 200)).toBe(KEY_LIMIT);
  });

  it("honours a revoke on both nodes on their next call", async () => {
    const { app, key, secret } = await createAppWithKey();
    for (const node of nodes) for (let i = 0; i < 2; i++) expect((await call(node, secret)).status).toBe(200); // cached on both
    const user = await createUser("consumer", app.teamId);
    // The revoke as one node's Next route handler runs it (DELETE /api/v1/apps/{app}/keys/{keyId}).
    await revokeApiKey({ user: { teamIds: [app.teamId] }, actor: { id: user.id, label: user.email }, appId: app.id, keyId: key.id });
    expect(await call(nodes[0], secret)).toEqual({ status: 401, code: "invalid_api_key" });
    expect(await call(nodes[1], secret)).toEqual({ status: 401, code: "invalid_api_key" });
  });

  it("holds a budget's hard cap across nodes: calls alternating between them stop at the cap", async () => {
    const { app, secret } = await createAppWithKey();
    await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(4 * PER_CALL), period: "day", hardCap: true } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(nodes[i % 2], secret)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 402, 402]);
    expect(await recorded(app.id, 200)).toBe(4);
    const spent = await db.invocation.aggregate({ where: { appId: app.id }, _sum: { costMicros: true } });
    expect(Number(spent._sum.costMicros)).toBe(4 * PER_CALL);
  });

  it("records every call once and folds it once, with both nodes folding at the same time", async () => {
    const { app, secret } = await createAppWithKey();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => call(nodes[i % 2], secret)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await recorded(app.id)).toBe(5);
    await Promise.all(pools.map((p) => flushRollups(p.kysely)));
    const hourly = await db.usageHourly.aggregate({ where: { appId: app.id }, _sum: { calls: true } });
    const daily = await db.usageDaily.aggregate({ where: { appId: app.id }, _sum: { calls: true } });
    expect([Number(hourly._sum.calls), Number(daily._sum.calls)]).toEqual([5, 5]);
  });

  it("runs each locked background job on exactly one node per tick", async () => {
    const locked = (Object.values(JOBS) as Job[]).filter((job) => job.lockKey !== undefined);
    expect(locked.map((j) => j.name).sort()).toEqual([
      "budget-thresholds",
      "canary-guard",
      "golden-tests",
      "health-fold",
      "model-alerts",
      "partition-upkeep",
      "usage-refresh",
    ]);
    for (const real of locked) {
      for (let tick = 0; tick < 3; tick++) {
        // The run holds its lock until the other node has tried (and been skipped) or also got in.
        let active = 0;
        let most = 0;
        let runs = 0;
        let wake = () => {};
        const settled = new Promise<void>((r) => (wake = r));
        const job: Job = {
          ...real,
          run: async () => {
            runs++;
            most = Math.max(most, ++active);
            if (active === 2) wake();
            await settled;
            active--;
          },
        };
        const attempt = (p: Connections) =>
          runJob(job, p.pool).then((ran) => {
            if (!ran) wake();
            return ran;
          });
        const outcomes = await Promise.all(pools.map(attempt));
        expect({ job: real.name, outcomes: outcomes.sort(), runs, most }).toEqual({
          job: real.name,
          outcomes: [false, true],
          runs: 1,
          most: 1,
        });
      }
    }
  });
});
