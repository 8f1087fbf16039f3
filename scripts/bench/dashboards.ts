// npm run bench:dashboards -- [--rows 10000000] [--models 500] [--apps 200] [--days 90] [--runs 20] [--recording-only]
//   [--keep DIR [--rebuild]] [--generate-only]
// Generates invocations inside a throwaway embedded PostgreSQL, rolls them up through the portal's own fold, then
// times the dashboards' real query functions (lib/usage) over 7, 30 and 90 days (goal: p95 ≤ 300 ms at 10 M calls),
// and the recording throughput through the real recorder with the fold running (goal: ≥ 10,000 calls/s, the fold
// keeping up). Prints a Markdown table. Run with the react-server condition (package.json) for server-only modules.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../../lib/server/embedded-postgres";
import { migrateDatabase } from "../../lib/server/migrate";
import { createReferenceData, foldQueue, generateInvocations, rollUpThroughTheFold, type BenchShape } from "./dashboards-data";
import { measureRecording } from "./dashboards-recording";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const shape: BenchShape = {
  rows: arg("rows", 10_000_000),
  models: arg("models", 500),
  apps: arg("apps", 200),
  days: arg("days", 90),
  // The data ends now-ish, mid-hour: ranges end there, so they include a partly filled "current" hour.
  end: new Date(Math.floor(Date.now() / 60_000) * 60_000),
};
const runs = arg("runs", 20);
const GOAL_MS = 300;
const t0 = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0)}s] ${line}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];

async function time(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  await fn(); // warm-up: plan cache, buffers
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
  // skipped; new migrations are applied and whatever they queue is folded). Without it: throwaway.
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
    await migrateDatabase(url);
    process.env.DATABASE_URL = url;
    const { kdb } = await import("../../lib/server/db");
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'`);
    if (!reuse) {
      log(
        `generating ${shape.rows.toLocaleString("en-US")} invocations over ${shape.days} days, ${shape.models} models, ${shape.apps} apps`,
      );
      await createReferenceData(c, shape);
      // Bulk load: no FK triggers, indexes rebuilt after.
      await c.query(`SET session_replication_role = replica`);
      await c.query(
        `DROP INDEX "invocations_at_idx", "invocations_modelId_at_idx", "invocations_versionId_at_idx", "invocations_appId_at_idx"`,
      );
      let s = performance.now();
      await generateInvocations(c, shape, log);
      // The generated data's end, for later runs on a kept cluster: the recording measurement below adds calls
      // "now", which must never land inside a later run's ranges.
      await c.query(`CREATE TABLE IF NOT EXISTS bench_meta (generated_end timestamptz NOT NULL); DELETE FROM bench_meta`);
      await c.query(`INSERT INTO bench_meta VALUES ((SELECT max(at) FROM invocations))`);
      log(`generated in ${((performance.now() - s) / 1000).toFixed(0)} s`);
      s = performance.now();
      await c.query(`CREATE INDEX "invocations_at_idx" ON "invocations"("at");
        CREATE INDEX "invocations_modelId_at_idx" ON "invocations"("modelId", "at");
        CREATE INDEX "invocations_versionId_at_idx" ON "invocations"("versionId", "at");
        CREATE INDEX "invocations_appId_at_idx" ON "invocations"("appId", "at")`);
      await c.query(`SET session_replication_role = origin`);
      log(`indexes in ${((performance.now() - s) / 1000).toFixed(0)} s`);
    } else {
      shape.end = (await c.query<{ end: Date }>(`SELECT generated_end AS end FROM bench_meta`)).rows[0].end;
      shape.rows = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM invocations WHERE at <= $1`, [shape.end])).rows[0].n);
      log(`reusing ${keep}: ${shape.rows.toLocaleString("en-US")} invocations ending ${shape.end.toISOString()}`);
    }
    const s = performance.now();
    let foldRate: number | null = null;
    if (!reuse || process.argv.includes("--rebuild")) {
      log("rolling every call up through the fold");
      foldRate = await rollUpThroughTheFold(kdb(), log);
    } else if (Number((await c.query(`SELECT count(*) AS n FROM usage_pending`)).rows[0].n) > 0) {
      log("folding the calls a migration queued");
      foldRate = await foldQueue(kdb(), log);
    }
    if (foldRate !== null) {
      log(`rolled up in ${((performance.now() - s) / 1000).toFixed(0)} s (${foldRate.toFixed(0)} calls/s); VACUUM ANALYZE`);
      await c.query(`VACUUM ANALYZE`);
    }
    const counts = (
      await c.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM invocations) inv, (SELECT count(*) FROM usage_hourly) hourly, (SELECT count(*) FROM usage_daily) daily,
              (SELECT count(*) FROM usage_hourly_by) hourly_by, (SELECT count(*) FROM usage_daily_by) daily_by, (SELECT count(*) FROM usage_dead_letters) dead`,
      )
    ).rows[0];
    const n = (k: string) => Number(counts[k]).toLocaleString("en-US");
    const rowCounts = `usage_hourly ${n("hourly")} rows, usage_daily ${n("daily")}, usage_hourly_by ${n("hourly_by")}, usage_daily_by ${n("daily_by")}; ${n("dead")} calls set aside`;
    log(rowCounts);
    if (process.argv.includes("--generate-only")) {
      await c.end();
      return;
    }

    const { getUsage } = await import("../../lib/usage/get-usage");
    const { getRoi } = await import("../../lib/usage/get-roi");
    const { getChargeback } = await import("../../lib/usage/get-chargeback");
    const { usageQuerySchema, roiQuerySchema } = await import("../../lib/usage/schemas");
    const viewer = { kind: "all" } as const;
    const to = shape.end;
    const from = (days: number) => new Date(to.getTime() - days * 86_400_000).toISOString();
    const table: string[] = ["| query | range | p50 | p95 | p95 ≤ 300 ms |", "| --- | --- | ---: | ---: | --- |"];
    const last = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
    const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, "0")}`;
    const queries: { name: string; ranges: number[]; run: (days: number) => Promise<unknown> }[] = [
      {
        name: "usage by model, daily series, p50/p95/p99 for totals, series and a page of 25 models",
        ranges: [7, 30, 90],
        run: (d) =>
          getUsage({ viewer, query: usageQuerySchema.parse({ from: from(d), to: to.toISOString(), groupBy: "model", interval: "day" }) }),
      },
      {
        name: "usage by business unit, weekly, with percentiles",
        ranges: [7, 30, 90],
        run: (d) =>
          getUsage({
            viewer,
            query: usageQuerySchema.parse({ from: from(d), to: to.toISOString(), groupBy: "business_unit", interval: "week" }),
          }),
      },
      {
        name: "ROI by consuming business unit",
        ranges: [7, 30, 90],
        run: (d) => getRoi({ viewer, query: roiQuerySchema.parse({ from: from(d), to: to.toISOString(), groupBy: "business_unit" }) }),
      },
      {
        name: "ROI by model",
        ranges: [7, 30, 90],
        run: (d) => getRoi({ viewer, query: roiQuerySchema.parse({ from: from(d), to: to.toISOString(), groupBy: "model" }) }),
      },
      { name: `chargeback statement ${month} (all units)`, ranges: [0], run: () => getChargeback({ month, viewer }) },
    ];
    let met = true;
    for (const q of process.argv.includes("--recording-only") ? [] : queries) {
      for (const days of q.ranges) {
        const ms = await time(() => q.run(days), runs);
        met &&= pct(ms, 0.95) <= GOAL_MS;
        const line = `| ${q.name} | ${days ? `${days} d` : "month"} | ${pct(ms, 0.5).toFixed(0)} ms | ${pct(ms, 0.95).toFixed(0)} ms | ${pct(ms, 0.95) <= GOAL_MS ? "yes" : "**no**"} |`;
        table.push(line);
        log(line);
      }
    }
    const recording = await measureRecording(c, log);
    console.log(
      `\n## Dashboards (${shape.rows.toLocaleString("en-US")} invocations, ${shape.models} models, ${shape.apps} apps, ${shape.days} days)\n`,
    );
    console.log(
      `${rowCounts}; ${runs} timed runs per query after one warm-up; ranges end at the data's last call (its hour counted in full); load average at the end ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" / ")}.\n`,
    );
    if (!process.argv.includes("--recording-only")) console.log(`${table.join("\n")}\n\nEvery p95 ≤ ${GOAL_MS} ms: ${met ? "yes" : "no"}.`);
    console.log(`\n${recording}`);
    await c.end();
    const { pool } = await import("../../lib/server/db");
    await pool().end();
  } finally {
    await pgServer.stop().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
