import "server-only";
import { sql } from "@/lib/db/sql";
import { apiKeyPrefix, hashApiKey } from "@/lib/auth/api-keys";
import { AppError } from "@/lib/http/errors";
import { cachedLookup } from "@/lib/gateway/hot-cache";

type KeyRow = { id: string; prefix: string; appId: string; scopes: string[]; modelAllowlist: string[]; expiresAt: Date | null; revokedAt: Date | null; teamId: string; deletedAt: Date | null };

// Plain SQL: this runs on every gateway call, and the ORM cost ~2 ms of CPU per call (lib/db/sql.ts).
// Cached for a few seconds by hash with immediate eviction on any change (lib/gateway/hot-cache.ts); the
// revoked/expired/deleted checks below run on every call, so an expiry is honoured to the millisecond.
async function loadKey(hash: string): Promise<KeyRow | null> {
  const { rows } = await sql().query<KeyRow>(`SELECT k.id, k.prefix, k."appId", k.scopes, k."modelAllowlist"::text[] AS "modelAllowlist", k."expiresAt", k."revokedAt", a."teamId", a."deletedAt"
    FROM api_keys k JOIN apps a ON a.id = k."appId" WHERE k.hash = $1`, [hash]);
  return rows[0] ?? null;
}

export type KeyCaller = {
  keyId: string;
  prefix: string;
  appId: string;
  teamId: string;
  scopes: string[];
  modelAllowlist: string[];
};

/** Resolves a bearer API key; revoked, expired, unknown or malformed keys are refused (401). */
export async function resolveApiKey(secret: string): Promise<KeyCaller> {
  const prefix = apiKeyPrefix(secret);
  if (!prefix) throw new AppError("invalid_api_key", "The API key is malformed. Keys look like mp_xxxxxxxx_…");
  const hash = hashApiKey(secret);
  const row = await cachedLookup("key", hash, () => loadKey(hash));
  const key = row ? { ...row, app: { teamId: row.teamId, deletedAt: row.deletedAt } } : null;
  if (!key || key.prefix !== prefix) throw new AppError("invalid_api_key", "The API key is not valid.");
  if (key.revokedAt) throw new AppError("invalid_api_key", "The API key has been revoked.");
  if (key.expiresAt && key.expiresAt <= new Date()) throw new AppError("invalid_api_key", "The API key has expired.");
  if (key.app.deletedAt) throw new AppError("invalid_api_key", "The API key's app has been deleted.");
  return { keyId: key.id, prefix: key.prefix, appId: key.appId, teamId: key.app.teamId, scopes: key.scopes, modelAllowlist: key.modelAllowlist };
}
