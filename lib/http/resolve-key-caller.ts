import { touchKeyLastUsed } from "@/lib/apps/touch-key-last-used";
import { resolveApiKey, type KeyCaller } from "@/lib/auth/resolve-api-key";
import { AppError, forbidden } from "@/lib/http/errors";

/**
 * The caller behind an `Authorization` header: 401 unless it is `Bearer <valid key>`; 403 when the route
 * takes no keys (no scope) or the key lacks the route's scope. Shared by withApi (every Next route) and
 * the lean invoke listener, so both answer a bad key identically.
 */
export async function resolveKeyCaller(header: string, scope: string | undefined): Promise<{ kind: "key"; key: KeyCaller }> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("invalid_api_key", "Send the API key as: Authorization: Bearer <key>.");
  const key = await resolveApiKey(match[1]);
  touchKeyLastUsed(key.keyId); // "last used" moves on every authenticated call (throttled, off the call's path)
  if (!scope) throw forbidden("This route is for signed-in users; API keys cannot call it.");
  if (!key.scopes.includes(scope)) {
    throw new AppError("insufficient_scope", `The API key lacks the "${scope}" scope.`);
  }
  return { kind: "key", key };
}
