// Next.js start-up hook: runs once per server process. Starts the governance background jobs (automatic
// retirement after sunset, webhook delivery) and the usage roll-up worker in the Node.js runtime only, never
// during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundJobs } = await import("@/lib/governance/background-jobs");
  startBackgroundJobs();
  // Calls recorded before a restart may still wait in the roll-up queue: fold them without waiting for traffic.
  const { startRollups } = await import("@/lib/usage/rollups/start-rollups");
  startRollups();
}
