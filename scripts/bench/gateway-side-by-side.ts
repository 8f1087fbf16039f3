// npx tsx scripts/bench/gateway-side-by-side.ts <dirA> <dirB> — two builds of the portal (e.g. main's and a
// branch's checkout, each with node_modules, lib/generated and a built .next) up at once on their own throwaway
// databases, called in turns through the gateway at 32 connections (closed loop, keep-alive) with the same
// model server. On a shared machine whose load changes from minute to minute, alternating short runs compare
// the two far better than two whole `bench:gateway` runs minutes apart. Prints per run and as medians:
// throughput, p50, CPU time per call of each portal's server, its PostgreSQL and the model server, and the
// recorder's rows per batch (rows per transaction id in `invocations`).
// TRACE_SIDE=b (or a) turns OpenTelemetry tracing on for that side only, exporting (OTLP/HTTP, protobuf) to a
// loopback sink started here; the same directory may then be given twice: tracing off vs on in one build.
// CAPTURE_SIDE=b (or a) captures every successful call on that side (payload capture at rate 1) and none on the
// other (rate 0): capture off vs on in one build.
import { fork } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runLoad } from "./support/load";
import { answeredBy, cpuMs, seedModel, startPortal, type Portal } from "./support/portal";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const CONNS = Number(process.env.CONNS ?? 32);
const TRACE_SIDE = process.env.TRACE_SIDE === "a" ? 0 : process.env.TRACE_SIDE === "b" ? 1 : -1;
const CAPTURE_SIDE = process.env.CAPTURE_SIDE === "a" ? 0 : process.env.CAPTURE_SIDE === "b" ? 1 : -1;
const body = JSON.stringify({ features: [[5.1, 3.5, 1.4, 0.2]] });
type Side = {
  dir: string;
  label: string;
  portal: Portal;
  url: string;
  auth: Record<string, string>;
  versionId: string;
  runs: { rps: number; p50: number; server: number; pg: number; model: number }[];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dirs = process.argv.slice(2).map((d) => path.resolve(d));
  if (dirs.length !== 2) throw new Error("usage: gateway-side-by-side.ts <dirA> <dirB>");
  const here = process.cwd();
  const model = fork(path.join(here, "scripts/bench/support/model-server.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) => model.once("message", (m: { port: number }) => resolve(m.port)));
  const sides: Side[] = [];
  // The OTLP sink for a traced side: accepts every export, counts them.
  const sink = { exports: 0, bytes: 0 };
  const otlp = http.createServer((req, res) => {
    req.on("data", (c: Buffer) => (sink.bytes += c.length));
    req.on("end", () => {
      sink.exports++;
      res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  if (TRACE_SIDE >= 0) await new Promise<void>((r) => otlp.listen(0, "127.0.0.1", r));
  try {
    for (const [i, dir] of dirs.entries()) {
      process.chdir(dir); // startPortal runs scripts/start.ts from the current directory
      const traced: Record<string, string> =
        i === TRACE_SIDE ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(otlp.address() as AddressInfo).port}` } : {};
      const portal = await startPortal({
        env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000", MODELPORT_EXPOSE_RECORDER: "1", ...traced },
      });
      const captureLabel = CAPTURE_SIDE >= 0 ? (i === CAPTURE_SIDE ? " (capture on)" : " (capture off)") : "";
      const label = `${dir}${TRACE_SIDE >= 0 ? (i === TRACE_SIDE ? " (tracing on)" : " (tracing off)") : ""}${captureLabel}`;
      process.chdir(here);
      const fx = await seedModel(portal.databaseUrl, { runtime: "http", endpointUrl: `http://127.0.0.1:${port}/predict` }, ["127.0.0.1"]);
      if (CAPTURE_SIDE >= 0) {
        const db = new pg.Client({ connectionString: portal.databaseUrl });
        await db.connect();
        await db.query(`UPDATE model_versions SET "captureRate" = $1 WHERE id = $2`, [i === CAPTURE_SIDE ? 1 : 0, fx.versionId]);
        await db.end();
      }
      const url = `${portal.url}/api/v1/models/${fx.owner}/${fx.name}/invoke`;
      const auth = { authorization: `Bearer ${fx.secret}` };
      console.log(
        `${label}: invoke calls answered by ${await answeredBy(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body })}`,
      );
      await runLoad({ url, body, headers: auth, concurrency: 8, seconds: 3, warmupSeconds: 0 }); // JIT + pools warm-up
      sides.push({ dir, label, portal, url, auth, versionId: fx.versionId, runs: [] });
    }
    console.log(`${CONNS} connections, ${SECONDS} s per run, ${ROUNDS} rounds (order alternates). CPU in ms per call.\n`);
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...sides].reverse() : sides) {
        const [s0, p0, m0] = [cpuMs(s.portal.serverPids()), cpuMs(s.portal.postgresPids()), cpuMs([model.pid!])];
        const g = await runLoad({ url: s.url, body, headers: s.auth, concurrency: CONNS, seconds: SECONDS, warmupSeconds: 0.5 });
        const calls = g.requests + g.errors;
        const run = {
          rps: g.rps,
          p50: g.p50,
          server: (cpuMs(s.portal.serverPids()) - s0) / calls,
          pg: (cpuMs(s.portal.postgresPids()) - p0) / calls,
          model: (cpuMs([model.pid!]) - m0) / calls,
        };
        s.runs.push(run);
        console.log(
          `${s.label}: ${run.rps.toFixed(0).padStart(5)} rps, p50 ${run.p50.toFixed(2).padStart(6)} | CPU server ${run.server.toFixed(3)}, PostgreSQL ${run.pg.toFixed(3)}, model server ${run.model.toFixed(3)} | errors ${g.errors} | load ${os.loadavg()[0].toFixed(1)}`,
        );
      }
    }
    console.log("\nmedians:");
    for (const s of sides) {
      const db = new pg.Client({ connectionString: s.portal.databaseUrl });
      await db.connect();
      const { rows } = await db.query<{ n: number; tx: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT xmin::text)::int AS tx FROM invocations WHERE "versionId" = $1`,
        [s.versionId],
      );
      const captured =
        CAPTURE_SIDE >= 0 ? (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payload_captures`)).rows[0].n : null;
      await db.end();
      if (captured !== null) console.log(`${s.label}: ${captured} captured payloads stored`);
      const m = (k: keyof Side["runs"][number]) => median(s.runs.map((x) => x[k]));
      console.log(
        `${s.label}: ${m("rps").toFixed(0)} rps, p50 ${m("p50").toFixed(2)} ms | CPU per call: server ${m("server").toFixed(3)}, PostgreSQL ${m("pg").toFixed(3)}, model server ${m("model").toFixed(3)} | ${(rows[0].n / rows[0].tx).toFixed(1)} rows per recorder batch`,
      );
    }
    if (TRACE_SIDE >= 0) console.log(`OTLP sink: ${sink.exports} exports, ${(sink.bytes / 1024).toFixed(0)} KiB`);
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} CPUs`,
    );
  } finally {
    for (const s of sides) await s.portal.stop();
    model.kill("SIGTERM");
    otlp.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
