import "server-only";
import { db } from "@/lib/db";

const MAX_AGE_MS = 5 * 60 * 1000;
let checkedAt = 0;
let refreshing: Promise<void> | null = null;

/** Recomputes the 30-day calls per model (the materialised view model_usage_30d) now. */
export async function refreshModelUsage30d(): Promise<void> {
  // Through the owner's SECURITY DEFINER function: the portal's role may not refresh a view it does not own.
  await db.$executeRawUnsafe(`SELECT modelport_refresh_model_usage_30d()`);
  checkedAt = Date.now();
}

/**
 * Keeps the "most used" figures at most a few minutes old without making a search wait: a stale view is
 * refreshed in the background while the current figures are served.
 */
export function keepModelUsageFresh(): void {
  if (refreshing || Date.now() - checkedAt < 60_000) return;
  checkedAt = Date.now();
  refreshing = (async () => {
    const rows = await db.$queryRaw<{ refreshedAt: Date | null }[]>`SELECT max("refreshedAt") AS "refreshedAt" FROM "model_usage_30d"`;
    const at = rows[0]?.refreshedAt;
    if (!at || Date.now() - at.getTime() > MAX_AGE_MS) await refreshModelUsage30d();
  })()
    .catch((error: unknown) => console.error("model_usage_30d refresh failed", error))
    .finally(() => {
      refreshing = null;
    });
}
