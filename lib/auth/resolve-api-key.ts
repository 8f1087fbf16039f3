import "server-only";
import { pool } from "@/lib/server/db";
import { apiKeyPrefix, hashApiKey } from "@/lib/auth/api-keys";
import { keyPermissions, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/server/errors";
import { cachedLookup } from "@/lib/gateway/hot-cache";

type KeyRow = {
  id: string;
  prefix: string;
  appId: string;
  appName: string;
  scopes: string[];
  modelAllowlist: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  teamId: string;
  deletedAt: Date | null;
  creatorId: string | null;
  creatorEmail: string | null;
  creatorRole: Role | null;
  creatorDisabled: boolean | null;
  creatorTeamIds: string[] | null;
};

// Plain SQL: this runs on every gateway call, and the ORM cost ~2 ms of CPU per call (lib/server/db.ts).
// Cached for a few seconds by hash with immediate eviction on any change — to the key, its app, or its
// creator's role, status and teams (lib/gateway/hot-cache.ts); the revoked/expired/deleted checks below run
// on every call, so an expiry is honoured to the millisecond. A key made before keys recorded their creator
// acts for the app's creator (docs/decisions.md).
async function loadKey(value: string, by: "hash" | "id" = "hash"): Promise<KeyRow | null> {
  const { rows } = await pool().query<KeyRow>(
    `SELECT k.id, k.prefix, k."appId", a.name AS "appName", k.scopes, k."modelAllowlist"::text[] AS "modelAllowlist",
      k."expiresAt", k."revokedAt", a."teamId", a."deletedAt",
      u.id AS "creatorId", u.email AS "creatorEmail", u.role::text AS "creatorRole", u.disabled AS "creatorDisabled",
      ARRAY(SELECT tm."teamId"::text FROM team_members tm WHERE tm."userId" = u.id ORDER BY 1) AS "creatorTeamIds"
    FROM api_keys k JOIN apps a ON a.id = k."appId" LEFT JOIN users u ON u.id = COALESCE(k."createdById", a."createdById")
    WHERE ${by === "id" ? "k.id = $1::uuid" : "k.hash = $1"}`,
    [value],
  );
  return rows[0] ?? null;
}

/** The person a key acts for: whoever created it, with their role and teams as they are now. */
export type KeyCreator = { id: string; email: string; role: Role; teamIds: string[] };

export type KeyCaller = {
  keyId: string;
  prefix: string;
  appId: string;
  appName: string;
  /** The app's team (the key publishes and is charged there). */
  teamId: string;
  scopes: string[];
  modelAllowlist: string[];
  creator: KeyCreator;
  /** The scopes' permissions that the creator's current role grants. */
  permissions: ReadonlySet<Permission>;
};

/**
 * Resolves a bearer API key; revoked, expired, unknown or malformed keys are refused (401), and so are keys
 * whose creator is disabled or gone: a key never does more than the person who made it.
 */
export async function resolveApiKey(secret: string): Promise<KeyCaller> {
  const prefix = apiKeyPrefix(secret);
  if (!prefix) throw new AppError("invalid_api_key", "The API key is malformed. Keys look like mp_xxxxxxxx_…");
  const hash = hashApiKey(secret);
  const key = await cachedLookup("key", hash, () => loadKey(hash));
  if (!key || key.prefix !== prefix) throw new AppError("invalid_api_key", "The API key is not valid.");
  return callerOfKeyRow(key);
}

/**
 * The key an async prediction was accepted with, as it is now (uncached): its run is refused like a call when
 * the key has since been revoked, has expired, or its creator was disabled.
 */
export async function resolveApiKeyById(keyId: string): Promise<KeyCaller> {
  const key = await loadKey(keyId, "id");
  if (!key) throw new AppError("invalid_api_key", "The API key is not valid.");
  return callerOfKeyRow(key);
}

function callerOfKeyRow(key: KeyRow): KeyCaller {
  if (key.revokedAt) throw new AppError("invalid_api_key", "The API key has been revoked.");
  if (key.expiresAt && key.expiresAt <= new Date()) throw new AppError("invalid_api_key", "The API key has expired.");
  if (key.deletedAt) throw new AppError("invalid_api_key", "The API key's app has been deleted.");
  if (!key.creatorId || !key.creatorEmail || !key.creatorRole) {
    throw new AppError(
      "invalid_api_key",
      "The API key has no creator on record, and keys act for the person who created them; create a new key.",
    );
  }
  if (key.creatorDisabled)
    throw new AppError("invalid_api_key", "The API key's creator has been disabled, and keys act for the person who created them.");
  let caller = callers.get(key);
  if (!caller) {
    const creator: KeyCreator = { id: key.creatorId, email: key.creatorEmail, role: key.creatorRole, teamIds: key.creatorTeamIds ?? [] };
    caller = {
      keyId: key.id,
      prefix: key.prefix,
      appId: key.appId,
      appName: key.appName,
      teamId: key.teamId,
      scopes: key.scopes,
      modelAllowlist: key.modelAllowlist,
      creator,
      permissions: keyPermissions(key.scopes, creator.role),
    };
    callers.set(key, caller);
  }
  return caller;
}

// The resolved caller depends on nothing but its key row, so it is built once per row: while the gateway
// cache holds a row (lib/gateway/hot-cache.ts) every call gets the same object; any change to the key, its
// app or its creator evicts the row, and the next call builds a new one. The checks above still run per call.
const callers = new WeakMap<KeyRow, KeyCaller>();
