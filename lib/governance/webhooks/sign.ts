import { createHmac, timingSafeEqual } from "node:crypto";

// Receivers verify `X-Modelport-Signature: sha256=<hex>` = HMAC-SHA256(secret, `${timestamp}.${body}`) and
// reject stale `X-Modelport-Timestamp`s, so a captured delivery cannot be replayed later.

export const SIGNATURE_HEADER = "x-modelport-signature";
export const TIMESTAMP_HEADER = "x-modelport-timestamp";

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (exported for tests and as the reference implementation in the docs). */
export function verifySignature(input: {
  secret: string;
  body: string;
  signature: string | null;
  timestamp: string | null;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  if (!input.signature || !input.timestamp) return false;
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts)) return false;
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
