// npm run bench:gateway — the same small HTTP model server called directly and through the gateway (the
// real built portal, recording on), at 1 and 32 concurrent connections, side by side in one run.
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openConnections } from "../../lib/server/db";
import { flushRollups, rollupLag } from "../../lib/usage/rollups/rollup-worker";
import { runLoad, type LoadResult } from "./support/load";
import { answeredBy, cpuMs, seedModel, startPortal } from "./support/portal";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const LEVELS = [1, 32];
const body = JSON.stringify({ features: [[5.1, 3.5, 1.4, 0.2]] });

async function startModelServer(script = "model-server.ts", args: string[] = []) {
  const child = fork(path.join(__dirname, "support", script), args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
  return { port, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

const fmt = (n: number, d = 2) => n.toFixed(d).padStart(9);

async function main() {
  const upstream = await startModelServer();
  console.log(`model server on 127.0.0.1:${upstream.port}; starting the portal (built, throwaway database)…`);
  const portal = await startPortal({
    env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000", MODELPORT_EXPOSE_RECORDER: "1" },
  });
  try {
    const fx = await seedModel(portal.databaseUrl, { runtime: "http", endpointUrl: `http://127.0.0.1:${upstream.port}/predict` }, [
      "127.0.0.1",
    ]);
    if (process.env.BENCH_BUDGETS === "1") {
      // Hard-capped budgets (never reached) on the app, its team and its unit: every call checks all three.
      const c = new pg.Client({ connectionString: portal.databaseUrl });
      await c.connect();
      await c.query(
        `INSERT INTO budgets (id, "appId", "teamId", "businessUnitId", "amountMicros", period, "hardCap", "updatedAt")
         SELECT gen_random_uuid(), s."appId", s."teamId", s."businessUnitId", 9000000000000000, 'month', true, now()
         FROM apps a JOIN teams t ON t.id = a."teamId",
           LATERAL (VALUES (a.id, NULL::uuid, NULL::uuid), (NULL, t.id, NULL), (NULL, NULL, t."businessUnitId")) AS s("appId", "teamId", "businessUnitId")
         WHERE a.id = $1`,
        [fx.appId],
      );
      await c.end();
      console.log("BENCH_BUDGETS=1: hard-capped monthly budgets on the app, its team and its unit");
    }
    const direct = `http://127.0.0.1:${upstream.port}/predict`;
    const gateway = `${portal.url}/api/v1/models/${fx.owner}/${fx.name}/invoke`;
    const auth = { authorization: `Bearer ${fx.secret}` };
    const answerer = await answeredBy(gateway, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
    const check = await fetch(gateway, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
    console.log(`gateway check: ${check.status} ${await check.text()}`);
    if (check.status !== 200) throw new Error("the gateway did not answer 200");
    await runLoad({ url: gateway, body, headers: auth, concurrency: 8, seconds: 3, warmupSeconds: 0 }); // JIT + pools warm-up

    // The same calls through a bare Node proxy (no auth, validation or recording): what any Node gateway could reach here.
    const bare = await startModelServer("bare-proxy.ts", [direct]);
    const bareUrl = `http://127.0.0.1:${bare.port}/predict`;
    await runLoad({ url: bareUrl, body, concurrency: 8, seconds: 1, warmupSeconds: 0 });
    const rows: {
      c: number;
      d: LoadResult;
      b: LoadResult;
      g: LoadResult;
      backlog: number[];
      bareCpu: number;
      doorCpu: number;
      nextCpu: number;
      pgCpu: number;
      upCpu: number;
    }[] = [];
    for (const c of LEVELS) {
      const d = await runLoad({ url: direct, body, concurrency: c, seconds: SECONDS });
      const b0 = cpuMs([bare.pid]);
      const b = await runLoad({ url: bareUrl, body, concurrency: c, seconds: SECONDS });
      const bareCpu = (cpuMs([bare.pid]) - b0) / (b.requests + b.errors);
      // CPU used per gateway call by the door, Next, PostgreSQL and the model server: independent of how busy the machine is.
      const [s0, n0, p0, u0] = [cpuMs(portal.doorPids()), cpuMs(portal.nextPids()), cpuMs(portal.postgresPids()), cpuMs([upstream.pid])];
      const g = await runLoad({ url: gateway, body, headers: auth, concurrency: c, seconds: SECONDS, keepHeaders: true, warmupSeconds: 0 });
      const calls = g.requests + g.errors;
      const per = (now: number, before: number) => (now - before) / calls;
      const [doorCpu, nextCpu, pgCpu, upCpu] = [
        per(cpuMs(portal.doorPids()), s0),
        per(cpuMs(portal.nextPids()), n0),
        per(cpuMs(portal.postgresPids()), p0),
        per(cpuMs([upstream.pid]), u0),
      ];
      const backlog = g.headers.map((h) => Number(h["x-recorder-backlog"] ?? 0));
      rows.push({ c, d, b, g, backlog, bareCpu, doorCpu, nextCpu, pgCpu, upCpu });
    }
    bare.stop();
    const db = new pg.Client({ connectionString: portal.databaseUrl });
    await db.connect();
    // Roll-ups are folded from a durable queue in the background: report how far behind they were when the
    // load stopped, then fold the rest so the roll-up can be compared with the rows.
    const folder = openConnections(portal.databaseUrl, 1);
    const lag = await rollupLag(folder.kysely);
    await flushRollups(folder.kysely);
    await folder.pool.end();
    console.log(`\nroll-up lag when the load stopped: ${lag.pending} calls queued, oldest ${lag.oldestSeconds.toFixed(1)} s`);
    const recorded = Number((await db.query(`SELECT count(*) AS n FROM invocations WHERE "versionId" = $1`, [fx.versionId])).rows[0].n);
    const rolled = Number(
      (await db.query(`SELECT coalesce(sum(calls), 0) AS n FROM usage_hourly WHERE "versionId" = $1`, [fx.versionId])).rows[0].n,
    );
    // The floor under every gateway call: a response leaves only after its row is committed, and one
    // commit (WAL flush, fsync=on) costs this much on this machine whatever the gateway does.
    // Where a gateway call's time goes: the recorded gatewayMs is the gateway's own work up to the enqueue of
    // its row; the Server-Timing gateway time also includes the wait for the commit.
    const split: { c: number; own: number; header: number }[] = [];
    for (const r of rows) {
      const ids = r.g.headers.map((h) => String(h["x-request-id"] ?? ""));
      const own = (
        await db.query<{ ms: number }>(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "gatewayMs") AS ms FROM invocations WHERE "requestId" = ANY($1::text[])`,
          [ids],
        )
      ).rows[0].ms;
      const header = r.g.headers
        .map((h) => Number(/gateway;dur=([\d.]+)/.exec(String(h["server-timing"] ?? ""))?.[1] ?? NaN))
        .filter((n) => !Number.isNaN(n))
        .sort((a, b) => a - b);
      split.push({ c: r.c, own: Number(own), header: header[Math.floor(header.length / 2)] });
    }
    await db.query(`CREATE TABLE IF NOT EXISTS bench_commit_floor (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
    const commits: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await db.query(`INSERT INTO bench_commit_floor DEFAULT VALUES`);
      commits.push(performance.now() - t0);
    }
    commits.sort((a, b) => a - b);
    const commitP50 = commits[Math.floor(commits.length / 2)];
    await db.end();

    console.log(`\n${SECONDS} s per run, closed loop, keep-alive. Latency in ms.\n`);
    console.log(
      "conns | direct rps | gateway rps | ratio |  direct p50 | gateway p50 | +p50 ms |  direct p99 | gateway p99 | errors | backlog max / last-10% mean",
    );
    for (const { c, d, g, backlog } of rows) {
      const tail = backlog.slice(Math.floor(backlog.length * 0.9));
      const tailMean = tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
      console.log(
        `${String(c).padStart(5)} | ${fmt(d.rps, 0)}  | ${fmt(g.rps, 0)}   | ${(g.rps / d.rps).toFixed(2).padStart(5)} | ${fmt(d.p50)}   | ${fmt(g.p50)}   | ${fmt(g.p50 - d.p50)} | ${fmt(d.p99)}   | ${fmt(g.p99)}   | ${String(d.errors + g.errors).padStart(6)} | ${Math.max(0, ...backlog)} / ${tailMean.toFixed(1)}`,
      );
    }
    console.log("\nbare Node proxy (no auth, validation or recording), same runs:");
    for (const { c, d, b, g } of rows) {
      console.log(
        `${String(c).padStart(5)} conns: ${b.rps.toFixed(0)} rps (${(b.rps / d.rps).toFixed(2)} of direct), p50 ${b.p50.toFixed(2)} ms (+${(b.p50 - d.p50).toFixed(2)}); the gateway reaches ${(g.rps / b.rps).toFixed(2)} of the bare proxy`,
      );
    }
    // Baseline: the cheapest Next route (GET /api/health: one SELECT 1, forwarded by the door), to tell the
    // portal's fixed per-request cost on this machine from the gateway's own.
    const [hd0, hn0, hp0] = [cpuMs(portal.doorPids()), cpuMs(portal.nextPids()), cpuMs(portal.postgresPids())];
    const health = await runLoad({
      url: `${portal.url}/api/health`,
      body: "",
      method: "GET",
      concurrency: 1,
      seconds: SECONDS / 2,
      warmupSeconds: 0,
    });
    const hCalls = health.requests + health.errors;
    const hPer = (now: number, before: number) => ((now - before) / hCalls).toFixed(2);
    console.log(
      `baseline GET /api/health, 1 conn: ${health.rps.toFixed(0)} rps, p50 ${health.p50.toFixed(2)} ms; CPU per call ${hPer(cpuMs(portal.doorPids()), hd0)} ms door (forwarding), ${hPer(cpuMs(portal.nextPids()), hn0)} ms Next, ${hPer(cpuMs(portal.postgresPids()), hp0)} ms PostgreSQL`,
    );
    console.log("\nCPU per gateway call (ms): door | Next | PostgreSQL | model server; per bare-proxy call: the proxy");
    for (const r of rows)
      console.log(
        `${String(r.c).padStart(5)} conns: ${r.doorCpu.toFixed(3)} | ${r.nextCpu.toFixed(3)} | ${r.pgCpu.toFixed(3)} | ${r.upCpu.toFixed(3)}; ${r.bareCpu.toFixed(3)}`,
      );
    console.log("\nGateway time per call, p50 (ms): own work up to the enqueue (recorded) | incl. the wait for the commit (Server-Timing)");
    for (const x of split) console.log(`${String(x.c).padStart(5)} conns: ${x.own.toFixed(2)} | ${x.header.toFixed(2)}`);
    console.log(`commit floor: one single-row INSERT + commit on the same PostgreSQL (fsync on), p50 ${commitP50.toFixed(2)} ms`);
    const cache = process.env.MODELPORT_GATEWAY_CACHE !== "0" ? "on" : "off";
    console.log(`portal: invoke calls answered by ${answerer}, gateway cache ${cache}`);
    console.log(
      `load average during the run: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} CPUs`,
    );
    console.log(`\ninvocation rows recorded for the benchmark model: ${recorded} (usage_hourly calls: ${rolled})`);
  } finally {
    await portal.stop();
    upstream.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
