import "server-only";
import { captureRetentionDays } from "@/lib/model-health/settings";
import { db } from "@/lib/server/db";

/** Deletes captured payloads older than the retention (MODELPORT_CAPTURE_RETENTION_DAYS); their folded counts stay. */
export async function purgeCaptures(options: { retentionDays?: number; now?: Date } = {}): Promise<number> {
  const days = options.retentionDays ?? captureRetentionDays();
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const { count } = await db.payloadCapture.deleteMany({ where: { at: { lt: cutoff } } });
  return count;
}
