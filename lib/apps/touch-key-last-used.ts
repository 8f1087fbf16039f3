import "server-only";
import { pool } from "@/lib/server/db";

// A key's "last used" moves on every authenticated call without a write per call: at most one UPDATE per key
// every TOUCH_EVERY_MS per process, batched and sent on the next turn of the event loop, never awaited by the
// call itself. The column is not in the api_keys cache-notify trigger's column list, so it evicts nothing.
export const TOUCH_EVERY_MS = 10_000;
const MAX_TRACKED = 50_000;

type State = { last: Map<string, number>; due: Set<string>; flushing: Promise<void> | null; scheduled: boolean };
const touches: State = { last: new Map(), due: new Set(), flushing: null, scheduled: false };

/** Notes that a key authenticated a call now; the database hears of it shortly (throttled per key). */
export function touchKeyLastUsed(keyId: string, now = Date.now()): void {
  const s = touches;
  if (now - (s.last.get(keyId) ?? -Infinity) < TOUCH_EVERY_MS) return;
  if (s.last.size >= MAX_TRACKED) for (const [id, at] of s.last) if (now - at >= TOUCH_EVERY_MS) s.last.delete(id);
  s.last.set(keyId, now);
  s.due.add(keyId);
  if (!s.scheduled) {
    s.scheduled = true;
    setImmediate(() => void flushKeyTouches());
  }
}

/** Writes the pending touches (the scheduled flush; tests await it). */
export async function flushKeyTouches(): Promise<void> {
  const s = touches;
  s.scheduled = false;
  await s.flushing;
  if (s.due.size === 0) return;
  const ids = [...s.due];
  s.due.clear();
  s.flushing = pool()
    .query(`UPDATE api_keys SET "lastUsedAt" = now() WHERE id = ANY($1::uuid[]) AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now())`, [ids])
    .then(() => undefined)
    .catch((error: Error) => {
      // Not worth failing anything for: the next call of these keys tries again.
      for (const id of ids) s.last.delete(id);
      console.error(`[api keys] could not record last use of ${ids.length} key(s): ${error.message}`);
    })
    .finally(() => {
      s.flushing = null;
    });
  await s.flushing;
}
