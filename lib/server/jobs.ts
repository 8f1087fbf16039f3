import type pg from "pg";
import { pool } from "@/lib/server/db";
import { log as logger } from "@/lib/server/log";
import { jobDuration, jobFailures, jobRuns } from "@/lib/server/metrics";

// The runner of the portal's background jobs (the definitions are in lib/jobs/background-jobs.ts). A job runs
// once at start and then every `everyMs`; a run never overlaps the previous one of the same job in this
// process. Jobs whose work must not run on two nodes at once take a PostgreSQL advisory lock for the run
// (`lockKey`): where another node holds it, the run is skipped. Jobs that claim rows with FOR UPDATE SKIP
// LOCKED (or take a lock of their own inside their transaction) need none: every node may help.

export type Job = {
  name: string;
  everyMs: number;
  /** Cluster-wide single runner: the advisory lock (a constant bigint) held while the job runs. */
  lockKey?: number;
  /** False turns the job off on this node (an environment switch). */
  enabled?: () => boolean;
  /** One run. `stopping()` turns true once the runner is being stopped: a long run may end early. */
  run: (stopping: () => boolean) => Promise<unknown>;
};

/**
 * One run of `job`; false when it was skipped because another process holds its lock. `on` is the pool the
 * lock is taken on (the process's pool unless given; a job without a lock key needs none).
 */
export async function runJob(job: Job, on?: pg.Pool, stopping: () => boolean = () => false): Promise<boolean> {
  const started = performance.now();
  try {
    const ran = await runLocked(job, on, stopping);
    const seconds = (performance.now() - started) / 1000;
    jobRuns.inc({ job: job.name, outcome: ran ? "ok" : "skipped" });
    if (ran) jobDuration.observe({ job: job.name }, seconds);
    logger().debug({ job: job.name, outcome: ran ? "ok" : "skipped", durationMs: Math.round(seconds * 1000) }, "job run");
    return ran;
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    jobRuns.inc({ job: job.name, outcome: "failed" });
    jobFailures.inc({ job: job.name });
    jobDuration.observe({ job: job.name }, seconds);
    logger().error({ job: job.name, outcome: "failed", durationMs: Math.round(seconds * 1000), err: error }, "job run");
    throw error;
  }
}

async function runLocked(job: Job, on: pg.Pool | undefined, stopping: () => boolean): Promise<boolean> {
  if (job.lockKey === undefined) {
    await job.run(stopping);
    return true;
  }
  const client = await (on ?? pool()).connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [job.lockKey]);
    if (!rows[0].ok) return false;
    try {
      await job.run(stopping);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [job.lockKey]);
    }
    return true;
  } finally {
    client.release();
  }
}

export type RunningJobs = { stop: () => Promise<void> };

/** Starts every enabled job; `stop` clears the timers and waits for the runs in progress. */
export function startJobs(jobs: readonly Job[], options: { log?: (line: string) => void; pool?: pg.Pool } = {}): RunningJobs {
  // The run's outcome is already logged (and counted) by runJob; `log` is for callers that want a line of their own.
  const log = options.log ?? (() => {});
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = jobs
    .filter((job) => job.enabled?.() ?? true)
    .map((job) => {
      let busy = false;
      const tick = () => {
        if (busy || stopped) return;
        busy = true;
        const run = runJob(job, options.pool, () => stopped)
          .catch((error: Error) => log(`[${job.name}] failed: ${error.message}`))
          .finally(() => {
            busy = false;
            running.delete(run);
          });
        running.add(run);
      };
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      tick();
      return timer;
    });
  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
