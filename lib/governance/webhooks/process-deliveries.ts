import "server-only";
import { db } from "@/lib/server/db";
import { postWebhook } from "@/lib/governance/webhooks/deliver";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from "@/lib/governance/webhooks/sign";

export const MAX_ATTEMPTS = 6;
/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min, 8 min (then the delivery is failed). */
export const backoffMs = (attempt: number, baseMs = 30_000) => baseMs * 2 ** (attempt - 1);
/** A claimed delivery is hidden from other workers this long; a crashed worker's claim simply expires. */
const LEASE_MS = 60_000;

type Claimed = { id: string; url: string; secret: string; event: string; payload: unknown; attempts: number };

/**
 * Sends due webhook deliveries. Claiming is one UPDATE … FOR UPDATE SKIP LOCKED that pushes nextAttemptAt
 * forward (a lease), so several nodes never send the same delivery at once, and no transaction stays
 * open during the HTTP call. Returns how many were attempted.
 */
export async function processDueDeliveries(options: { now?: Date; limit?: number; baseBackoffMs?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  // A lifecycle delivery is sent to its registered webhook; a prediction's to its own URL and secret.
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH c AS (
      UPDATE webhook_deliveries d SET "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
      WHERE d.id IN (
        SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt" LIMIT ${options.limit ?? 20} FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d."webhookId", d.url, d.secret, d.event, d.payload, d.attempts)
    SELECT c.id::text AS id, COALESCE(w.url, c.url) AS url, COALESCE(w.secret, c.secret) AS secret, c.event, c.payload, c.attempts
    FROM c LEFT JOIN webhooks w ON w.id = c."webhookId"`;
  await Promise.all(claimed.map((d) => attempt(d, now, options.baseBackoffMs)));
  return claimed.length;
}

async function attempt(d: Claimed, now: Date, baseBackoffMs?: number) {
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await postWebhook(d.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Modelport-Webhooks/1",
        "x-modelport-event": d.event,
        "x-modelport-delivery": d.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(d.secret, timestamp, body),
      },
      body,
      timeoutMs: 10_000,
      maxResponseBytes: 64 * 1024,
    });
    statusCode = res.status;
    if (res.status < 200 || res.status >= 300) error = `Receiver answered HTTP ${res.status}.`;
  } catch (e) {
    error = (e as Error).message.slice(0, 500);
  }
  const attempts = d.attempts + 1;
  const done = error === null;
  const giveUp = !done && attempts >= MAX_ATTEMPTS;
  await db.webhookDelivery.update({
    where: { id: d.id },
    data: {
      attempts,
      lastStatusCode: statusCode,
      lastError: error,
      status: done ? "delivered" : giveUp ? "failed" : "pending",
      deliveredAt: done ? new Date() : null,
      nextAttemptAt: done || giveUp ? null : new Date(now.getTime() + backoffMs(attempts, baseBackoffMs)),
    },
  });
}
