import { touchKeyLastUsed } from "@/lib/apps/touch-key-last-used";
import {
  keyScopeFor,
  mapScopesToPermissions,
  SCOPE_PERMISSIONS,
  KEY_SCOPES,
  type Permission,
  type RouteAccess,
} from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/principal";
import { resolveApiKey, type KeyCaller } from "@/lib/auth/resolve-api-key";
import { consumeKeyRateLimit } from "@/lib/gateway/rate-limit";
import { AppError, forbidden } from "@/lib/server/errors";

/** 403 unless the key may do all of `required` (its scopes ∩ its creator's current role). */
export function checkKeyPermissions(key: KeyCaller, required: readonly Permission[]): void {
  const missing = required.find((p) => !key.permissions.has(p));
  if (!missing) return;
  const scope = KEY_SCOPES.find((s) => SCOPE_PERMISSIONS[s].includes(missing)) ?? missing;
  if (mapScopesToPermissions(key.scopes).has(missing)) {
    throw new AppError(
      "insufficient_scope",
      `The API key's "${scope}" scope is no longer covered by its creator's role (${key.creator.role}): a key never does more than the person who created it.`,
    );
  }
  throw new AppError("insufficient_scope", `The API key lacks the "${scope}" scope.`);
}

/**
 * The key behind an `Authorization` header, counted against its rate limit: 401 unless it is
 * `Bearer <valid key>`, 429 over the quota. Doors that check permissions per operation (the MCP server) start
 * here; routes with one permission use resolveKeyCaller.
 */
export async function authenticateKey(header: string): Promise<{ key: KeyCaller; rateLimit: Record<string, string> }> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("invalid_api_key", "Send the API key as: Authorization: Bearer <key>.");
  const key = await resolveApiKey(match[1]);
  touchKeyLastUsed(key.keyId); // "last used" moves on every authenticated call (throttled, off the call's path)
  return { key, rateLimit: await consumeKeyRateLimit(key) };
}

/**
 * The caller behind an `Authorization` header: 401 unless it is `Bearer <valid key>`; then the call counts
 * against the key's rate limit (429) — before any authorisation, so refused calls are throttled too; then
 * 403 when the route takes no keys or the key may not do what it needs. Shared by defineRoute (every Next
 * API route) and the gateway door (gateway/invoke.ts), so both answer a bad key identically.
 */
export async function resolveKeyCaller(
  header: string,
  access: RouteAccess,
): Promise<Extract<Caller, { kind: "key" }> & { rateLimit: Record<string, string> }> {
  const { key, rateLimit } = await authenticateKey(header);
  try {
    if (access === "signed-in" || access === "public" || !keyScopeFor(access)) {
      throw forbidden("This route is for signed-in users; API keys cannot call it.");
    }
    checkKeyPermissions(key, [access]);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { headers: { ...rateLimit, ...error.headers } });
    throw error;
  }
  return { kind: "key", key, rateLimit };
}
