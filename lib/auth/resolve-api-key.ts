import "server-only";
import { db } from "@/lib/db";
import { apiKeyPrefix, hashApiKey } from "@/lib/auth/api-keys";
import { AppError } from "@/lib/http/errors";

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
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(secret) },
    select: { id: true, prefix: true, appId: true, scopes: true, modelAllowlist: true, expiresAt: true, revokedAt: true, app: { select: { teamId: true, deletedAt: true } } },
  });
  if (!key || key.prefix !== prefix) throw new AppError("invalid_api_key", "The API key is not valid.");
  if (key.revokedAt) throw new AppError("invalid_api_key", "The API key has been revoked.");
  if (key.expiresAt && key.expiresAt <= new Date()) throw new AppError("invalid_api_key", "The API key has expired.");
  if (key.app.deletedAt) throw new AppError("invalid_api_key", "The API key's app has been deleted.");
  return { keyId: key.id, prefix: key.prefix, appId: key.appId, teamId: key.app.teamId, scopes: key.scopes, modelAllowlist: key.modelAllowlist };
}
