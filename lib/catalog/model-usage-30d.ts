import "server-only";
import { db } from "@/lib/server/db";

const MAX_AGE_MS = 5 * 60 * 1000;

/** Recomputes the 30-day calls per model (the materialised view model_usage_30d) now. */
export async function refreshModelUsage30d(): Promise<void> {
  // Through the owner's SECURITY DEFINER function: the portal's role may not refresh a view it does not own.
  await db.$executeRawUnsafe(`SELECT modelport_refresh_model_usage_30d()`);
}

/**
 * Refreshes the view when it is older than `maxAgeMs` (the usage-refresh job asks every minute), so the
 * "most used" figures are at most a few minutes old and no search ever waits for them. True when it refreshed.
 */
export async function refreshModelUsageIfStale(maxAgeMs = MAX_AGE_MS): Promise<boolean> {
  const rows = await db.$queryRaw<{ refreshedAt: Date | null }[]>`SELECT max("refreshedAt") AS "refreshedAt" FROM "model_usage_30d"`;
  const at = rows[0]?.refreshedAt;
  if (at && Date.now() - at.getTime() <= maxAgeMs) return false;
  await refreshModelUsage30d();
  return true;
}
