import { sql } from "kysely";
import type { Kdb } from "@/lib/server/db";
import { FOLD_BATCH, foldPending } from "@/lib/usage/rollups/fold-pending";

// The fold's loop, the same wherever it runs: the portal process (instrumentation.ts, for `npm start` and
// `npm run dev`), the benchmark, a test. Passes run every second, and back to back while they come back full.

export type RollupWorkerStats = { passes: number; folded: number; deadLettered: number; failures: number; lastFoldMs: number };

/** Starts the loop on `db`; returns its counters and a stop function that waits for a running pass. */
export function startRollupWorker(db: Kdb, options: { everyMs?: number; log?: (line: string) => void } = {}) {
  const stats: RollupWorkerStats = { passes: 0, folded: 0, deadLettered: 0, failures: 0, lastFoldMs: 0 };
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = async () => {
    for (;;) {
      const t0 = performance.now();
      const r = await foldPending(db);
      stats.passes += 1;
      stats.folded += r.folded;
      stats.deadLettered += r.deadLettered;
      if (r.folded + r.deadLettered > 0) stats.lastFoldMs = performance.now() - t0;
      if (r.deadLettered > 0)
        (options.log ?? console.error)(`[rollups] ${r.deadLettered} queued calls could not be folded; see /admin/rollups`);
      if (!r.locked || r.folded + r.deadLettered < FOLD_BATCH || stopped) return;
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = pass()
      .catch((error: Error) => {
        stats.failures += 1;
        (options.log ?? console.error)(`[rollups] pass failed, the calls stay queued: ${error.message}`);
      })
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, options.everyMs ?? 1000);
  timer.unref();
  tick();
  return {
    stats: () => ({ ...stats }),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
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
export async function rollupLag(db: Kdb): Promise<{ pending: number; oldestSeconds: number }> {
  const { rows } = await sql<{ pending: number; age: number | null }>`
    SELECT count(*)::int AS pending, extract(epoch FROM clock_timestamp() - min("queuedAt"))::float8 AS age FROM usage_pending`.execute(db);
  return { pending: rows[0].pending, oldestSeconds: Math.max(0, rows[0].age ?? 0) };
}
