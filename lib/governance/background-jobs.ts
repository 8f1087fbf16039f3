import "server-only";
import { retireExpiredVersions } from "@/lib/governance/retire-expired-versions";
import { processDueDeliveries } from "@/lib/governance/webhooks/process-deliveries";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

const JOBS: Job[] = [
  { name: "sunset-sweeper", everyMs: 60_000, run: () => retireExpiredVersions() },
  { name: "webhook-delivery", everyMs: 5_000, run: () => processDueDeliveries() },
];

const state = globalThis as unknown as { modelportJobs?: NodeJS.Timeout[] };

/**
 * Starts the in-process governance jobs (once per process). Every node of a cluster may run them: both
 * claim work with FOR UPDATE SKIP LOCKED, so nodes share it instead of doing it twice. A run never
 * overlaps the previous one of the same job in this process.
 */
export function startBackgroundJobs(log: (line: string) => void = console.log): void {
  if (state.modelportJobs || process.env.MODELPORT_BACKGROUND_JOBS === "0") return;
  state.modelportJobs = JOBS.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (error) {
        log(`[${job.name}] failed: ${(error as Error).message}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    void tick();
    return timer;
  });
}

export function stopBackgroundJobs(): void {
  for (const t of state.modelportJobs ?? []) clearInterval(t);
  state.modelportJobs = undefined;
}
