import "server-only";
import { kdb } from "@/lib/server/db";
import { startRollupWorker } from "@/lib/usage/rollups/rollup-worker";

let worker: ReturnType<typeof startRollupWorker> | null = null;

/**
 * Starts this process's fold loop (idempotent) on the process's pool. Every portal process runs one; the fold's
 * advisory lock lets one fold at a time. MODELPORT_ROLLUP_WORKER=0 keeps a process from folding.
 */
export function startRollups(): void {
  if (worker || process.env.MODELPORT_ROLLUP_WORKER === "0") return;
  worker = startRollupWorker(kdb());
}
