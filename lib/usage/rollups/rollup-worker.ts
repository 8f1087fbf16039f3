import { sql } from "kysely";
import { kdb, type Kdb } from "@/lib/server/db";
import { startJobs, type Job } from "@/lib/server/jobs";
import { log as logger } from "@/lib/server/log";
import { gaugeAtScrape } from "@/lib/server/metrics";
import { FOLD_BATCH, foldPending } from "@/lib/usage/rollups/fold-pending";

// The fold's job, the same wherever it runs: the portal process (lib/jobs/background-jobs.ts, started by
// instrumentation.ts for `npm start` and `npm run dev`), the benchmark, a test — all through the jobs runner
// (lib/server/jobs.ts). Passes run every second, and back to back while they come back full.

export type RollupWorkerStats = { passes: number; folded: number; deadLettered: number; failures: number; lastFoldMs: number };

/**
 * The roll-up fold as a job on the connections `db()` gives. No advisory lock of the runner: each pass takes
 * the folder lock inside its own transaction (fold-pending.ts), so every node may run the job and one folds at
 * a time. `stats` counts what the job's runs did.
 */
export function rollupFoldJob(db: () => Kdb, options: { everyMs?: number; log?: (line: string) => void } = {}) {
  const stats: RollupWorkerStats = { passes: 0, folded: 0, deadLettered: 0, failures: 0, lastFoldMs: 0 };
  const log = options.log ?? ((line: string) => logger().warn(line));
  const job = {
    name: "rollup-fold",
    everyMs: options.everyMs ?? 1000,
    run: async (stopping: () => boolean) => {
      try {
        for (;;) {
          const t0 = performance.now();
          const r = await foldPending(db());
          stats.passes += 1;
          stats.folded += r.folded;
          stats.deadLettered += r.deadLettered;
          if (r.folded + r.deadLettered > 0) stats.lastFoldMs = performance.now() - t0;
          if (r.deadLettered > 0) log(`[rollups] ${r.deadLettered} queued calls could not be folded; see /admin/rollups`);
          if (!r.locked || r.folded + r.deadLettered < FOLD_BATCH || stopping()) return;
        }
      } catch (error) {
        stats.failures += 1;
        throw new Error(`pass failed, the calls stay queued: ${(error as Error).message}`);
      }
    },
  } satisfies Job;
  return { job, stats: () => ({ ...stats }) };
}

/** Runs the fold job on `db` on its own (the benchmark, tests); returns its counters and a stop that waits for a running pass. */
export function startRollupWorker(db: Kdb, options: { everyMs?: number; log?: (line: string) => void } = {}) {
  const fold = rollupFoldJob(() => db, options);
  const running = startJobs([fold.job], { log: options.log });
  return { stats: fold.stats, stop: running.stop };
}

/** Folds every call queued before this call, waiting for another folder if needed: the roll-ups are then exact. */
export async function flushRollups(db: Kdb): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await foldPending(db, FOLD_BATCH, true);
    total += r.folded + r.deadLettered;
    if (r.folded + r.deadLettered < FOLD_BATCH) return total;
  }
}

/** The roll-ups' lag: calls recorded but not yet folded, and how long the oldest has waited (s). */
export async function rollupLag(db: Kdb = kdb()): Promise<{ pending: number; oldestSeconds: number }> {
  const { rows } = await sql<{ pending: number; age: number | null }>`
    SELECT count(*)::int AS pending, extract(epoch FROM clock_timestamp() - min("queuedAt"))::float8 AS age FROM usage_pending`.execute(db);
  return { pending: rows[0].pending, oldestSeconds: Math.max(0, rows[0].age ?? 0) };
}

// The roll-ups' lag in /metrics (cluster-wide: read from the queue at scrape time, by the processes that run jobs).
// One query per scrape for both gauges, started after the scrape's synchronous readings (the pool's figures
// would otherwise count this query as waiting for a connection).
let reading: Promise<{ pending: number; oldestSeconds: number }> | null = null;
const lagAtScrape = () =>
  (reading ??= new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => rollupLag())
    .finally(() => {
      reading = null;
    }));
gaugeAtScrape(
  "modelport_rollup_lag_seconds",
  "How long the oldest recorded call has waited to be folded into the roll-ups, in seconds.",
  async () => (await lagAtScrape()).oldestSeconds,
);
gaugeAtScrape("modelport_rollup_pending", "Recorded calls not yet folded into the roll-ups.", async () => (await lagAtScrape()).pending);
