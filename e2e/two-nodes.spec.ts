import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../lib/server/embedded-postgres";
import { query } from "./support";

// Two full portal nodes on one PostgreSQL (issue 17, "Several nodes, proven"): node A is the portal the suite
// runs against; node B is a second `npm start` (its own gateway door and `next start`, from the same build) on
// A's database, as a second machine would run it (DATABASE_URL = the same database, no demo seed). What this adds
// to test/cluster.test.ts (two doors, jobs tried from the test process): a catalog edit made through one node's
// API is searchable on the other at once, and with both nodes' real background jobs running, the roll-up fold
// and the budget-threshold job take effect once — calls spread over both nodes are in the roll-ups once, a
// crossed threshold is announced once — while each node's /metrics shows it ran those jobs.

const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");
const uid = () => randomBytes(4).toString("hex");

let nodeB: { url: string; child: ChildProcess; dir: string };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "modelport-node-b-"));
  const stateFile = path.join(dir, "state.json");
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      DATABASE_APP_URL: "",
      MODELPORT_DEMO: "0",
      MODELPORT_DATA_DIR: dir,
      MODELPORT_STATE_FILE: stateFile,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 150_000;
  while (!existsSync(stateFile)) {
    if (child.exitCode !== null) throw new Error(`node B exited during start-up (code ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error("node B did not start within 150 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { url: string };
  nodeB = { url: state.url, child, dir };
});

test.afterAll(async () => {
  if (!nodeB) return;
  if (nodeB.child.exitCode === null) {
    const exited = new Promise((r) => nodeB.child.once("exit", r));
    nodeB.child.kill("SIGTERM");
    await exited;
  }
  rmSync(nodeB.dir, { recursive: true, force: true });
});

const nodeA = () => process.env.E2E_BASE_URL!;

async function one(sql: string, params: unknown[]) {
  return (await query<{ id: string }>(sql, params))[0].id;
}

/** A team with a maintainer, a model of its own (iris, 10 micros a call) and an app whose key may publish, call and scrape. */
async function setup(oldWord: string) {
  const s = uid();
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-nodes-${s}`,
  ]);
  const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
    `nodes-${s}`,
    bu,
  ]);
  const admin = await one(`INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, $1, 'admin') RETURNING id`, [
    `admin-${s}@nodes-e2e.test`,
  ]);
  await query(`INSERT INTO team_members ("userId", "teamId", role) VALUES ($1, $2, 'maintainer')`, [admin, team]);
  const model = await one(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", summary, tags, task, framework, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'iris', $2, 'Iris on two nodes', $3, $4, 'tabular-classification', 'onnx', now()) RETURNING id`,
    [team, `nodes-${s}/iris`, `Classifies flowers, ${oldWord} edition`, [`tag${oldWord}`]],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "costModel", "updatedAt")
     VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', 'onnx', $2, '{"kind":"per_call","microsPerCall":10}', now())`,
    [model, IRIS],
  );
  const app = await one(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
    `nodes-app-${s}`,
    team,
    admin,
  ]);
  const id = uid();
  const key = `mp_${id}_${randomBytes(32).toString("base64url")}`;
  await query(
    `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'nodes', $2, $3, $4, $5)`,
    [app, `mp_${id}`, createHash("sha256").update(key).digest("hex"), ["publish", "invoke", "metrics:read"], admin],
  );
  return { owner: `nodes-${s}`, model, app, key };
}

async function search(request: APIRequestContext, node: string, key: string, params: Record<string, string>) {
  const res = await request.get(`${node}/api/v1/models?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { slug: string; summary: string }[] }).items;
}

const sampleOf = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

/** How many times a node ran (or tried, skipped where another node held the lock) a background job. */
async function jobRuns(request: APIRequestContext, node: string, key: string, job: string) {
  const res = await request.get(`${node}/metrics`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
  const text = await res.text();
  return ["ok", "skipped"].reduce((n, outcome) => n + sampleOf(text, `modelport_job_runs_total{job="${job}",outcome="${outcome}"}`), 0);
}

test("a catalog edit made through node A's API is searchable on node B at once, and the old text is gone", async ({ request }) => {
  const oldWord = `amber${uid()}`;
  const newWord = `cobalt${uid()}`;
  const t = await setup(oldWord);
  const slug = `${t.owner}/iris`;
  // Both nodes find it by its old words first (anything they might keep is now warm).
  for (const node of [nodeA(), nodeB.url]) {
    expect((await search(request, node, t.key, { q: oldWord })).map((m) => m.slug)).toEqual([slug]);
    expect((await search(request, node, t.key, { tag: `tag${oldWord}` })).map((m) => m.slug)).toEqual([slug]);
  }
  const patched = await request.patch(`${nodeA()}/api/v1/models/${t.owner}/iris`, {
    headers: { authorization: `Bearer ${t.key}` },
    data: { summary: `Classifies flowers, ${newWord} edition`, tags: [`tag${newWord}`] },
  });
  expect(patched.status()).toBe(200);
  // No waiting, no retries: the next request on node B sees the committed edit.
  const found = await search(request, nodeB.url, t.key, { q: newWord });
  expect(found.map((m) => [m.slug, m.summary])).toEqual([[slug, `Classifies flowers, ${newWord} edition`]]);
  expect((await search(request, nodeB.url, t.key, { tag: `tag${newWord}` })).map((m) => m.slug)).toEqual([slug]);
  expect(await search(request, nodeB.url, t.key, { q: oldWord })).toEqual([]);
  expect(await search(request, nodeB.url, t.key, { tag: `tag${oldWord}` })).toEqual([]);
  expect((await search(request, nodeA(), t.key, { q: newWord })).map((m) => m.slug)).toEqual([slug]);
});

test("with both nodes' jobs running, calls spread over both are folded into the roll-ups once and a crossed budget threshold is announced once", async ({
  request,
}) => {
  test.setTimeout(150_000);
  const t = await setup(`plain${uid()}`);
  // 10 calls × 10 micros against a daily budget of 100 micros: the 80 % threshold is crossed.
  await query(`INSERT INTO budgets (id, "appId", "amountMicros", period, "updatedAt") VALUES (gen_random_uuid(), $1, 100, 'day', now())`, [
    t.app,
  ]);
  const nodes = [nodeA(), nodeB.url];
  const tried = async (job: string) => Promise.all(nodes.map((node) => jobRuns(request, node, t.key, job)));
  for (let i = 0; i < 10; i++) {
    const call = await request.post(`${nodes[i % 2]}/api/v1/models/${t.owner}/iris/invoke`, {
      headers: { authorization: `Bearer ${t.key}` },
      data: { features: [[5.1, 3.5, 1.4, 0.2]] },
    });
    expect(call.status()).toBe(200);
  }
  expect(await query(`SELECT count(*)::int AS n FROM invocations WHERE "appId" = $1`, [t.app])).toEqual([{ n: 10 }]);
  const foldsBefore = await tried("rollup-fold");
  const thresholdBefore = await tried("budget-thresholds");

  const folded = async () =>
    (
      await query<{ hourly: number; daily: number }>(
        `SELECT (SELECT coalesce(sum(calls), 0)::int FROM usage_hourly WHERE "appId" = $1) AS hourly,
              (SELECT coalesce(sum(calls), 0)::int FROM usage_daily WHERE "appId" = $1) AS daily`,
        [t.app],
      )
    )[0];
  await expect.poll(folded, { timeout: 30_000 }).toEqual({ hourly: 10, daily: 10 });
  // Both nodes have run their fold (every second) since the calls; the figures are still the calls, once each.
  await expect.poll(async () => (await tried("rollup-fold")).every((runs, i) => runs > foldsBefore[i] + 1), { timeout: 30_000 }).toBe(true);
  expect(await folded()).toEqual({ hourly: 10, daily: 10 });

  // Each node runs budget-thresholds every 30 s: wait until both have run it since the threshold was crossed.
  await expect
    .poll(async () => (await tried("budget-thresholds")).every((runs, i) => runs > thresholdBefore[i]), {
      timeout: 75_000,
      intervals: [1_000],
    })
    .toBe(true);
  const announced = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE kind = 'budget.threshold' AND link = $1`,
    [`/apps/${t.app}/usage`],
  );
  expect(announced).toEqual([{ n: 1 }]);
  const [budget] = await query<{ notified: boolean }>(
    `SELECT "thresholdNotifiedFor" IS NOT NULL AS notified FROM budgets WHERE "appId" = $1`,
    [t.app],
  );
  expect(budget.notified).toBe(true);
});
