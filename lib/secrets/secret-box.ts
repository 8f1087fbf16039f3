import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "../server/errors";

// Upstream secret headers (model_versions.secretHeaderValue) are stored encrypted with AES-256-GCM under a key
// from the environment: MODELPORT_SECRET_KEY (any long random string; `npm start` generates one into the data
// folder when it is unset). The 256-bit key is derived from it with HKDF-SHA-256, once per process. A stored
// value reads `enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`; the key id (a hash of the derived key)
// says which key sealed it, so old keys listed in MODELPORT_SECRET_KEY_PREVIOUS still open values written
// before a rotation. A value without the prefix is legacy plaintext from before encryption: it is read as it
// is, and `npm start` re-seals every such or old-key value with the current key (lib/secrets/reseal-secrets.ts).

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Key = { id: string; key: Buffer };
export type Keyring = { current: Key | null; byId: Map<string, Key> };

function deriveKey(secret: string): Key {
  const key = Buffer.from(hkdfSync("sha256", secret, "modelport", "upstream secret headers v1", 32));
  return { id: createHash("sha256").update(key).digest("base64url").slice(0, 10), key };
}

/** The keys for a current secret and a comma-separated list of previous ones. */
export function keyringOf(current: string | undefined, previous: string | undefined): Keyring {
  const keys = [current, ...(previous ?? "").split(",")]
    .map((s) => s?.trim())
    .filter((s): s is string => Boolean(s))
    .map(deriveKey);
  return { current: current?.trim() ? keys[0] : null, byId: new Map(keys.map((k) => [k.id, k])) };
}

let cached: { current: string | undefined; previous: string | undefined; ring: Keyring } | undefined;

/** This process's keyring from the environment, derived once (and again only if the variables change). */
export function keyring(): Keyring {
  const current = process.env.MODELPORT_SECRET_KEY;
  const previous = process.env.MODELPORT_SECRET_KEY_PREVIOUS;
  if (!cached || cached.current !== current || cached.previous !== previous)
    cached = { current, previous, ring: keyringOf(current, previous) };
  return cached.ring;
}

/** Encrypts a secret for storage with the current key (503 when no key is configured). */
export function sealSecret(plain: string, ring: Keyring = keyring()): string {
  if (!ring.current) {
    throw new AppError(
      "service_unavailable",
      "Secret headers cannot be stored: the server has no MODELPORT_SECRET_KEY. Ask an administrator.",
    );
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${ring.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

/** Whether a stored value is sealed (rather than legacy plaintext). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function keyIdOf(stored: string): string {
  return stored.slice(PREFIX.length, stored.indexOf(":", PREFIX.length));
}

/** Whether a stored value should be re-sealed: legacy plaintext, or sealed with a key other than the current one. */
export function needsReseal(stored: string, ring: Keyring = keyring()): boolean {
  return ring.current !== null && (!isSealed(stored) || keyIdOf(stored) !== ring.current.id);
}

/** The secret in a stored value (legacy plaintext as it is); 503 when no configured key opens it. */
export function openSecret(stored: string, ring: Keyring = keyring()): string {
  if (!isSealed(stored)) return stored;
  const unreadable = () =>
    new AppError(
      "service_unavailable",
      "The model's upstream credentials cannot be read on this server (its MODELPORT_SECRET_KEY does not open them). Ask an administrator.",
    );
  const key = ring.byId.get(keyIdOf(stored));
  if (!key) throw unreadable();
  const raw = Buffer.from(stored.slice(stored.indexOf(":", PREFIX.length) + 1), "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw unreadable();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw unreadable();
  }
}
