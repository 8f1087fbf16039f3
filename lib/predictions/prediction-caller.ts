import "server-only";
import type { Caller } from "@/lib/auth/principal";
import { resolveApiKeyById } from "@/lib/auth/resolve-api-key";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

/**
 * Who a prediction runs as: the key it was accepted with, or the person who started it from the console — as
 * they are at run time, so a key revoked (or a person disabled) since then is refused like a direct call.
 */
export async function predictionCaller(row: { apiKeyId: string | null; userId: string | null }): Promise<Caller> {
  if (row.apiKeyId) {
    const key = await resolveApiKeyById(row.apiKeyId);
    if (!key.permissions.has("models:invoke"))
      throw new AppError("insufficient_scope", "The API key may no longer call models (its invoke scope, or its creator's role).");
    return { kind: "key", key, rateLimit: {} };
  }
  const user = row.userId
    ? await db.user.findUnique({ where: { id: row.userId }, include: { memberships: { select: { teamId: true } } } })
    : null;
  if (!user || user.disabled) throw new AppError("unauthenticated", "The person who started this prediction can no longer call models.");
  return {
    kind: "user",
    user: { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.memberships.map((m) => m.teamId) },
  };
}
