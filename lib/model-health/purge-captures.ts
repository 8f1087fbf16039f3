import "server-only";
import { MAX_WINDOW_DAYS } from "@/lib/model-health/get-version-health";
import { captureRetentionDays } from "@/lib/model-health/settings";
import { db } from "@/lib/server/db";

/**
 * Deletes captured payloads older than the retention (MODELPORT_CAPTURE_RETENTION_DAYS) — their folded counts
 * stay — shadow comparisons older than the same retention (figures about calls, kept as long as the calls'
 * payloads), and health bins older than the longest window the health API answers (MAX_WINDOW_DAYS).
 */
export async function purgeCaptures(options: { retentionDays?: number; now?: Date } = {}): Promise<number> {
  const days = options.retentionDays ?? captureRetentionDays();
  const now = (options.now ?? new Date()).getTime();
  const { count } = await db.payloadCapture.deleteMany({ where: { at: { lt: new Date(now - days * 86_400_000) } } });
  await db.shadowComparison.deleteMany({ where: { at: { lt: new Date(now - days * 86_400_000) } } });
  await db.healthBin.deleteMany({ where: { hour: { lt: new Date(now - (MAX_WINDOW_DAYS + 1) * 86_400_000) } } });
  return count;
}
