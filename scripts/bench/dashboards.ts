// npm run bench:dashboards -- [--rows 10000000] [--models 500] [--apps 200] [--days 90] [--runs 15] [--raw-runs 3] [--recording-only]
//   [--keep DIR [--rebuild]] [--generate-only]
// Generates invocations inside a throwaway embedded PostgreSQL, builds the roll-ups in SQL, then times the
// dashboards' real query functions (lib/usage) over 7, 30 and 90 days against the same functions answering
// from the raw invocations table; also the roll-up lag and the recording throughput. Prints a Markdown table.
// Run with the react-server condition (see package.json) so the server-only modules can be imported.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrateDatabase } from "../../lib/db/migrate";
import { buildNarrowRollups, buildRollup, createReferenceData, generateInvocations, type BenchShape } from "./dashboards-data";
import { measureRecording } from "./dashboards-recording";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const shape: BenchShape = {
  rows: arg("rows", 10_000_000), models: arg("models", 500), apps: arg("apps", 200), days: arg("days", 90),
  // Data ends mid-hour now-ish, so ranges ending "now" exercise the raw edge hours.
  end: new Date(Math.floor(Date.now() / 60_000) * 60_000),
};
const runs = arg("runs", 15);
const rawRuns = arg("raw-runs", 3);
const t0 = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0)}s] ${line}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];

async function time(fn: () => Promise<unknown>, n: number, warmUp = true): Promise<number[]> {
  if (warmUp) await fn(); // plan cache, buffers
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    out.push(performance.now() - s);
  }
  return out;
}

async function main() {
  // --keep DIR: the cluster lives in DIR and is reused by the next run with the same --keep (generation is
  // skipped; new migrations are applied and the roll-ups rebuilt the production way). Without it: throwaway.
  const keep = process.argv.includes("--keep") ? path.resolve(process.argv[process.argv.indexOf("--keep") + 1]) : null;
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), "modelport-bench-"));
  const dataDir = path.join(dir, "pg");
  const reuse = keep !== null && existsSync(path.join(dataDir, "PG_VERSION"));
  const port = await freePort();
  let pgServer = await startEmbeddedPostgres({ dataDir, port, persistent: keep !== null });
  try {
    if (!reuse) {
      // A production-like memory setting for a 2-core / 8+ GB machine; everything else is PostgreSQL's default.
      const admin = new pg.Client({ connectionString: pgServer.urlFor("postgres") });
      await admin.connect();
      await admin.query(`ALTER SYSTEM SET shared_buffers = '2GB'`);
      await admin.query(`ALTER SYSTEM SET max_wal_size = '8GB'`);
      await admin.end();
      await pgServer.stop();
      pgServer = await startEmbeddedPostgres({ dataDir, port, persistent: keep !== null });
      await pgServer.createDatabase("bench");
    }
    const url = pgServer.urlFor("bench");
    {
      // The bench builds the roll-ups itself from the generated rows (below), not in the migrations.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`ALTER DATABASE bench SET modelport.skip_rollup_rebuild = on`);
      await admin.end();
    }
    await migrateDatabase(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'`);
    let genSeconds = 0;
    if (!reuse) {
      log(`generating ${shape.rows.toLocaleString("en-US")} invocations over ${shape.days} days, ${shape.models} models, ${shape.apps} apps`);
      await createReferenceData(c, shape);
      // Bulk load: no FK triggers, no roll-up triggers (the roll-ups are built afterwards in SQL), indexes rebuilt after.
      await c.query(`SET session_replication_role = replica`);
      await c.query(`DROP INDEX "invocations_at_idx", "invocations_modelId_at_idx", "invocations_versionId_at_idx", "invocations_appId_at_idx"`);
      let s = performance.now();
      await generateInvocations(c, shape, log);
      // The generated data's end, for later runs on a kept cluster: the recording measurement below adds calls
      // "now", and a dense burst of them inside a range's edge minutes made every later run's raw edges 50× larger.
      await c.query(`CREATE TABLE IF NOT EXISTS bench_meta (generated_end timestamptz NOT NULL); DELETE FROM bench_meta`);
      await c.query(`INSERT INTO bench_meta VALUES ((SELECT max(at) FROM invocations))`);
      genSeconds = (performance.now() - s) / 1000;
      s = performance.now();
      await c.query(`CREATE INDEX "invocations_at_idx" ON "invocations"("at");
        CREATE INDEX "invocations_modelId_at_idx" ON "invocations"("modelId", "at");
        CREATE INDEX "invocations_versionId_at_idx" ON "invocations"("versionId", "at");
        CREATE INDEX "invocations_appId_at_idx" ON "invocations"("appId", "at")`);
      log(`generated in ${genSeconds.toFixed(0)} s, indexes in ${((performance.now() - s) / 1000).toFixed(0)} s`);
      s = performance.now();
      // The hourly roll-up straight from the rows in SQL (as the seed does); the coarser ones below are derived
      // from it by the production rebuild function, exactly as the triggers would maintain them.
      await buildRollup(c, "usage_hourly");
      // usage_daily straight from the rows too: the same figures modelport_rebuild_usage_daily() derives from
      // usage_hourly, in one pass instead of unnesting millions of hourly histograms.
      await buildRollup(c, "usage_daily");
      log(`usage_hourly and usage_daily built in ${((performance.now() - s) / 1000).toFixed(0)} s`);
      await c.query(`SET session_replication_role = origin`);
    } else {
      // Clusters generated before bench_meta existed: the latest call (after a recording run, give them a bench_meta row).
      const { ok } = (await c.query<{ ok: boolean }>(`SELECT to_regclass('bench_meta') IS NOT NULL AS ok`)).rows[0];
      shape.end = (await c.query<{ end: Date }>(ok ? `SELECT generated_end AS end FROM bench_meta` : `SELECT max(at) AS end FROM invocations`)).rows[0].end;
      shape.rows = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM invocations WHERE at <= $1`, [shape.end])).rows[0].n);
      log(`reusing ${keep}: ${shape.rows.toLocaleString("en-US")} invocations ending ${shape.end.toISOString()}`);
    }
    const s = performance.now();
    if (!reuse || process.argv.includes("--rebuild")) {
      await buildNarrowRollups(c);
      await c.query(`VACUUM ANALYZE`);
    }
    const dailySeconds = (performance.now() - s) / 1000;
    const counts = (await c.query<{ inv: string; hourly: string; daily: string; hourly_by: string; daily_by: string }>(
      `SELECT (SELECT count(*) FROM invocations) inv, (SELECT count(*) FROM usage_hourly) hourly, (SELECT count(*) FROM usage_daily) daily,
              (SELECT count(*) FROM usage_hourly_by) hourly_by, (SELECT count(*) FROM usage_daily_by) daily_by`)).rows[0];
    log(`roll-ups: usage_hourly ${Number(counts.hourly).toLocaleString("en-US")} rows, usage_daily ${Number(counts.daily).toLocaleString("en-US")}, usage_hourly_by ${Number(counts.hourly_by).toLocaleString("en-US")}, usage_daily_by ${Number(counts.daily_by).toLocaleString("en-US")} (narrow roll-ups built in ${dailySeconds.toFixed(0)} s)`);
    if (process.argv.includes("--generate-only")) {
      await c.end();
      return;
    }

    process.env.DATABASE_URL = url;
    const { getUsage } = await import("../../lib/usage/get-usage");
    const { getRoi } = await import("../../lib/usage/get-roi");
    const { getChargeback } = await import("../../lib/usage/get-chargeback");
    const { usageQuerySchema, roiQuerySchema } = await import("../../lib/usage/schemas");
    const viewer = { kind: "all" } as const;
    const to = new Date(shape.end.getTime() - 17 * 60_000 - 23_000); // mid-hour end
    const table: string[] = ["| query | range | roll-up p50 | roll-up p95 | raw p50 | raw p95 | speed-up (p95) |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"];
    const last = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
    const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, "0")}`;
    const queries: { name: string; ranges: number[]; run: (days: number, source: "rollup" | "raw") => Promise<unknown> }[] = [
      { name: "usage by model, daily series + p50/p95/p99", ranges: [7, 30, 90], run: (d, source) => getUsage({ viewer, source, query: usageQuerySchema.parse({ from: new Date(to.getTime() - d * 86_400_000).toISOString(), to: to.toISOString(), groupBy: "model", interval: "day" }) }) },
      { name: "usage by business unit, weekly", ranges: [7, 30, 90], run: (d, source) => getUsage({ viewer, source, query: usageQuerySchema.parse({ from: new Date(to.getTime() - d * 86_400_000).toISOString(), to: to.toISOString(), groupBy: "business_unit", interval: "week" }) }) },
      { name: "ROI by consuming business unit", ranges: [7, 30, 90], run: (d, source) => getRoi({ viewer, source, query: roiQuerySchema.parse({ from: new Date(to.getTime() - d * 86_400_000).toISOString(), to: to.toISOString(), groupBy: "business_unit" }) }) },
      { name: "ROI by model", ranges: [7, 30, 90], run: (d, source) => getRoi({ viewer, source, query: roiQuerySchema.parse({ from: new Date(to.getTime() - d * 86_400_000).toISOString(), to: to.toISOString(), groupBy: "model" }) }) },
      { name: `chargeback statement ${month} (all units)`, ranges: [0], run: (_d, source) => getChargeback({ month, viewer, source }) },
    ];
    for (const q of process.argv.includes("--recording-only") ? [] : queries) {
      for (const days of q.ranges) {
        const fast = await time(() => q.run(days, "rollup"), runs);
        // The raw path scans the table anyway; a warm-up run would only double a long wait.
        const raw = await time(() => q.run(days, "raw"), rawRuns, false);
        const line = `| ${q.name} | ${days ? `${days} d` : "month"} | ${pct(fast, 0.5).toFixed(0)} ms | ${pct(fast, 0.95).toFixed(0)} ms | ${pct(raw, 0.5).toFixed(0)} ms | ${pct(raw, 0.95).toFixed(0)} ms | ${(pct(raw, 0.95) / pct(fast, 0.95)).toFixed(0)}× |`;
        table.push(line);
        log(line);
      }
    }
    const recording = await measureRecording(c, log);
    console.log(`\n## Dashboards (${shape.rows.toLocaleString("en-US")} invocations, ${shape.models} models, ${shape.apps} apps, ${shape.days} days)\n`);
    console.log(`usage_hourly: ${Number(counts.hourly).toLocaleString("en-US")} rows, usage_daily: ${Number(counts.daily).toLocaleString("en-US")}, usage_hourly_by: ${Number(counts.hourly_by).toLocaleString("en-US")}, usage_daily_by: ${Number(counts.daily_by).toLocaleString("en-US")}; ${runs} runs per roll-up query, ${rawRuns} per raw query, roll-up queries after one warm-up run; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")}.\n`);
    console.log(table.join("\n"));
    console.log(`\n${recording}`);
    await c.end();
    const { db } = await import("../../lib/db");
    await db.$disconnect();
  } finally {
    await pgServer.stop().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
