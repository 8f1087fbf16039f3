import type { Pool } from "pg";
import { ConcurrentRollupWrite, foldIntoRollups } from "@/lib/usage/recorder/fold-rollups";
import type { RollupInput } from "@/lib/usage/recorder/rollup";

// One folder per cluster at a time: every portal process runs the worker, the advisory lock elects whoever
// comes first for each pass (two folders would only contend for the same roll-up rows).
const LOCK_KEY = 7_226_230_611; // arbitrary, constant
// A pass costs mostly per roll-up row touched (read, histograms added in Node, written back), hardly per call:
// under load, large passes fold many calls per row. 100,000 narrow rows are ~10 MB in Node.
const BATCH = 100_000;

type PendingRow = Omit<RollupInput, "costMicros" | "valueMicros"> & { costMicros: string; valueMicros: string };

const TAKE = `DELETE FROM usage_pending WHERE id IN (SELECT id FROM usage_pending ORDER BY id LIMIT $1)
  RETURNING "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"`;

export type FoldResult = { folded: number; locked: boolean };

/**
 * One pass: takes up to `limit` queued calls and adds them to the roll-ups in ONE transaction (delete from
 * the queue + upsert), so a call is rolled up exactly once — a crash before the commit leaves it queued.
 * With `wait`, blocks until the lock is free instead of giving up.
 */
export async function foldPendingRollups(pool: Pool, options: { limit?: number; wait?: boolean } = {}): Promise<FoldResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const lock = await client.query<{ ok: boolean }>(
      options.wait ? `SELECT true AS ok FROM (SELECT pg_advisory_xact_lock($1::bigint)) AS l` : `SELECT pg_try_advisory_xact_lock($1::bigint) AS ok`, [LOCK_KEY]);
    if (!lock.rows[0].ok) {
      await client.query("ROLLBACK");
      return { folded: 0, locked: false };
    }
    const { rows } = await client.query<PendingRow>({ name: "rollup_take", text: TAKE, values: [options.limit ?? BATCH] });
    await foldIntoRollups(client, rows.map((r) => ({ ...r, costMicros: BigInt(r.costMicros), valueMicros: BigInt(r.valueMicros) })));
    await client.query("COMMIT");
    return { folded: rows.length, locked: true };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Folds every call queued before this call (waiting for another folder if needed): roll-ups are then exact. */
export async function flushRollups(pool: Pool): Promise<number> {
  let total = 0;
  for (;;) {
    let folded: number;
    try {
      ({ folded } = await foldPendingRollups(pool, { wait: true }));
    } catch (error) {
      if (error instanceof ConcurrentRollupWrite) continue; // rolled back, the calls are still queued: again
      throw error;
    }
    total += folded;
    if (folded < BATCH) return total;
  }
}

/** The roll-ups' lag: calls recorded but not yet rolled up, and how long the oldest has waited (s). */
export async function rollupLag(pool: Pool): Promise<{ pending: number; oldestSeconds: number }> {
  const { rows } = await pool.query<{ pending: number; age: number | null }>(
    `SELECT count(*)::int AS pending, extract(epoch FROM clock_timestamp() - min("queuedAt"))::float8 AS age FROM usage_pending`);
  return { pending: rows[0].pending, oldestSeconds: Math.max(0, rows[0].age ?? 0) };
}

export type RollupWorkerStats = { passes: number; folded: number; failures: number; lastFoldMs: number };

/**
 * Folds the queue every `everyMs` (and at once again while batches come back full). Returns a stop function.
 * A pass never overlaps the previous one in this process.
 */
export function startRollupWorker(pool: Pool, options: { everyMs?: number; log?: (line: string) => void } = {}) {
  const stats: RollupWorkerStats = { passes: 0, folded: 0, failures: 0, lastFoldMs: 0 };
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      for (;;) {
        const t0 = performance.now();
        const r = await foldPendingRollups(pool);
        stats.passes += 1;
        stats.folded += r.folded;
        if (r.folded > 0) stats.lastFoldMs = performance.now() - t0;
        if (!r.locked || r.folded < BATCH || stopped) break;
      }
    } catch (error) {
      stats.failures += 1;
      (options.log ?? console.error)(`[rollup-worker] pass failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, options.everyMs ?? 250);
  timer.unref();
  void tick();
  return {
    stats: () => ({ ...stats }),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
