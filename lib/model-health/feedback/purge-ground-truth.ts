import "server-only";
import { db } from "@/lib/server/db";

/** How long scored calls and their feedback are kept (MODELPORT_GROUND_TRUTH_RETENTION_DAYS, default 90). */
export function groundTruthRetentionDays(): number {
  const raw = process.env.MODELPORT_GROUND_TRUTH_RETENTION_DAYS;
  if (raw === undefined || raw === "") return 90;
  const days = Number(raw);
  if (!Number.isFinite(days) || days < 1)
    throw new Error(`MODELPORT_GROUND_TRUTH_RETENTION_DAYS must be a number of days ≥ 1, not "${raw}".`);
  return days;
}

/** Deletes scored calls older than the retention (at most 50,000 per run, so a run stays short). Returns how many. */
export async function purgeGroundTruth(now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - groundTruthRetentionDays() * 86_400_000);
  return db.$executeRaw`DELETE FROM ground_truth WHERE "requestId" IN
    (SELECT "requestId" FROM ground_truth WHERE at < ${before} LIMIT 50000)`;
}
