import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// A key looks like `mp_<8 hex prefix id>_<43 chars secret>`; the first part (`mp_ab12cd34`) is its
// public prefix, shown in lists and logs. Only the SHA-256 of the whole key is stored: API keys are
// long random strings, so a fast hash is enough (no password stretching needed) and lookups stay O(1).

export const API_KEY_PREFIX = "mp_";

export type GeneratedApiKey = { secret: string; prefix: string; hash: string };

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateApiKey(): GeneratedApiKey {
  const id = randomBytes(4).toString("hex");
  const secret = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: `${API_KEY_PREFIX}${id}`, hash: hashApiKey(secret) };
}

/** The prefix of a presented key, or null when it is not shaped like a Modelport key. */
export function apiKeyPrefix(secret: string): string | null {
  const match = /^(mp_[0-9a-f]{8})_[A-Za-z0-9_-]{20,}$/.exec(secret);
  return match ? match[1] : null;
}

export function apiKeyMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
