import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { GroupCommitRecorder, type RecorderStats } from "@/lib/usage/recorder/group-commit";
import { startRollupWorker, type RollupWorkerStats } from "@/lib/usage/recorder/rollup-worker";
import type { InvocationRecord } from "@/lib/usage/recorder/types";
import { writeInvocationBatch } from "@/lib/usage/recorder/write-batch";

// api_keys.lastUsedAt is refreshed at most once a minute per key per process, inside the batch statement.
const TOUCH_EVERY_MS = 60_000;

type Worker = ReturnType<typeof startRollupWorker>;
type State = { recorder: GroupCommitRecorder<InvocationRecord>; pool: pg.Pool; touched: Map<string, number> };
const holder = globalThis as unknown as { __modelportRecorder?: State; __modelportRollupWorker?: Worker };

function newPool(max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max });
  pool.on("error", (error) => console.error("[recorder] idle connection error", error.message));
  return pool;
}

/** Starts this process's roll-up worker (idempotent): at server start, and with the first recorded call. */
export function startRollups(): void {
  if (holder.__modelportRollupWorker || process.env.MODELPORT_ROLLUP_WORKER === "0") return;
  // Its own connection: a fold pass must never hold up the recorder's commits.
  holder.__modelportRollupWorker = startRollupWorker(newPool(1));
}

function state(): State {
  if (!holder.__modelportRecorder) {
    // A pool of its own: the single writer must never queue behind request queries for a connection.
    const pool = newPool(2);
    const touched = new Map<string, number>();
    const recorder = new GroupCommitRecorder<InvocationRecord>(async (rows) => {
      const now = Date.now();
      const due = new Set<string>();
      for (const r of rows) if (r.apiKeyId && now - (touched.get(r.apiKeyId) ?? 0) >= TOUCH_EVERY_MS) due.add(r.apiKeyId);
      await writeInvocationBatch(pool, rows, [...due]);
      for (const id of due) touched.set(id, now);
    });
    holder.__modelportRecorder = { recorder, pool, touched };
    startRollups();
  }
  return holder.__modelportRecorder;
}

/**
 * Records one invocation; resolves once its row (and its roll-up queue entry) is committed — only then may the
 * response go out. The roll-ups follow within about a second (lib/usage/recorder/rollup-worker.ts).
 */
export function recordInvocation(row: InvocationRecord): Promise<void> {
  return state().recorder.record(row);
}

export function recorderStats(): RecorderStats & { rollup: RollupWorkerStats | null } {
  return { ...state().recorder.stats(), rollup: holder.__modelportRollupWorker?.stats() ?? null };
}
