import "server-only";
import { checkBudgetThresholds } from "@/lib/budgets/check-budget-thresholds";
import { refreshModelUsageIfStale } from "@/lib/catalog/model-usage-30d";
import { retireExpiredVersions } from "@/lib/governance/retire-expired-versions";
import { evaluateAlerts } from "@/lib/model-health/alerts/evaluate-alerts";
import { purgeGroundTruth } from "@/lib/model-health/feedback/purge-ground-truth";
import { processDueDeliveries } from "@/lib/governance/webhooks/process-deliveries";
import { foldCaptures } from "@/lib/model-health/fold-captures";
import { purgeCaptures } from "@/lib/model-health/purge-captures";
import { buildReferencesFromCaptures } from "@/lib/model-health/reference-from-captures";
import { purgePredictionData } from "@/lib/predictions/purge-predictions";
import { runDuePredictions } from "@/lib/predictions/run-predictions";
import { runDueGoldenTests } from "@/lib/golden-tests/run-due-golden-tests";
import { runCanaryGuard } from "@/lib/rollouts/canary-guard";
import { kdb, pool } from "@/lib/server/db";
import { startJobs, type Job, type RunningJobs } from "@/lib/server/jobs";
import { ensureInvocationPartitions } from "@/lib/usage/ensure-invocation-partitions";
import { rollupFoldJob } from "@/lib/usage/rollups/rollup-worker";

// Every background job of the portal, one definition each. Started once per server process by
// instrumentation.ts (the same for `npm start` and `npm run dev`; the gateway door starts none); tests run them
// through the same runner (lib/server/jobs.ts). MODELPORT_BACKGROUND_JOBS=0 turns them all off on a node,
// MODELPORT_ROLLUP_WORKER=0 only the fold.
const on = () => process.env.MODELPORT_BACKGROUND_JOBS !== "0";

export const JOBS = {
  /** Deprecated versions past their sunset date become retired; claims with SKIP LOCKED, so every node may help. */
  sunsetRetirement: { name: "sunset-retirement", everyMs: 60_000, enabled: on, run: () => retireExpiredVersions() },
  /** Due webhook deliveries are sent (leased with SKIP LOCKED, retried with backoff). */
  webhookDelivery: { name: "webhook-delivery", everyMs: 5_000, enabled: on, run: () => processDueDeliveries() },
  /** Async predictions not started by the process that accepted them, and runs a restart cut off (SKIP LOCKED). */
  predictionRunner: { name: "prediction-runner", everyMs: 2_000, enabled: on, run: () => runDuePredictions() },
  /** Finished predictions' inputs and outputs are deleted after MODELPORT_PREDICTION_RETENTION_HOURS. */
  predictionRetention: { name: "prediction-retention", everyMs: 10 * 60_000, enabled: on, run: () => purgePredictionData() },
  /** Recorded calls reach the dashboards' roll-ups within seconds (each pass takes the folder lock itself). */
  rollupFold: { ...rollupFoldJob(kdb).job, enabled: () => on() && process.env.MODELPORT_ROLLUP_WORKER !== "0" },
  /** The monthly partitions of `invocations` exist from 4 months back to 3 ahead (through the owner's function). */
  partitionUpkeep: {
    name: "partition-upkeep",
    everyMs: 6 * 3_600_000,
    lockKey: 7_226_230_612,
    enabled: on,
    run: () => ensureInvocationPartitions(pool()),
  },
  /** The catalog's "most used" figures (model_usage_30d) are at most a few minutes old. */
  usageRefresh: { name: "usage-refresh", everyMs: 60_000, lockKey: 7_226_230_613, enabled: on, run: () => refreshModelUsageIfStale() },
  /** Budgets whose spend reached their threshold are announced to their owners (once per period; one node at a time). */
  budgetThresholds: {
    name: "budget-thresholds",
    everyMs: 30_000,
    lockKey: 7_226_230_614,
    enabled: on,
    run: () => checkBudgetThresholds(),
  },
  /** Captured payloads older than MODELPORT_CAPTURE_RETENTION_DAYS are deleted (a plain DELETE: any node may run it). */
  captureRetention: { name: "capture-retention", everyMs: 10 * 60_000, enabled: on, run: () => purgeCaptures() },
  /** Captured payloads are counted into drift and data-quality bins within a minute (one node at a time). */
  healthFold: {
    name: "health-fold",
    everyMs: 30_000,
    lockKey: 7_226_231_601,
    enabled: on,
    run: async (stopping) => {
      await buildReferencesFromCaptures();
      return foldCaptures({ stopping });
    },
  },
  /** Golden tests of versions in review or taking traffic run again once a day (one node at a time). */
  goldenTests: {
    name: "golden-tests",
    everyMs: 10 * 60_000,
    lockKey: 7_226_230_631,
    enabled: on,
    run: (stopping) => runDueGoldenTests(new Date(), stopping),
  },
  /** Running canaries are judged on their last minutes and rolled back when they break their thresholds (one node). */
  canaryGuard: {
    name: "canary-guard",
    everyMs: 15_000,
    lockKey: 7_226_230_633,
    enabled: on,
    run: () => runCanaryGuard(),
  },
  /** Model health: thresholds breached open alerts, recovered figures resolve them, models' health status follows. */
  modelAlerts: { name: "model-alerts", everyMs: 30_000, lockKey: 7_226_231_611, enabled: on, run: () => evaluateAlerts() },
  /** Scored calls and their feedback are deleted after MODELPORT_GROUND_TRUTH_RETENTION_DAYS. */
  groundTruthRetention: { name: "ground-truth-retention", everyMs: 10 * 60_000, enabled: on, run: () => purgeGroundTruth() },
} satisfies Record<string, Job>;

// Module state, not a globalThis holder: Next calls instrumentation's register() once per server process (its
// own promise guards it, in `next start` and `next dev` alike), and nothing else imports this module.
let running: RunningJobs | null = null;

/** Starts this process's jobs (idempotent). */
export function startBackgroundJobs(): void {
  running ??= startJobs(Object.values(JOBS));
}

/** Stops them and waits for the runs in progress. */
export async function stopBackgroundJobs(): Promise<void> {
  await running?.stop();
  running = null;
}
