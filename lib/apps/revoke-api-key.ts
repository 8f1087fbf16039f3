import "server-only";
import { db } from "@/lib/server/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { apiKeySelect, modelSlugsById, toKeyView } from "@/lib/apps/key-view";
import type { ApiKeyView } from "@/lib/apps/schemas";
import { notFound } from "@/lib/server/errors";

/**
 * Revokes a key of one of the user's teams' apps; the gateway refuses it from the next request on
 * (keys are resolved per request). Revoking twice is harmless and records nothing new.
 */
export async function revokeApiKey(input: {
  user: Pick<SessionUser, "teamIds">;
  actor: AuditActor;
  appId: string;
  keyId: string;
}): Promise<ApiKeyView> {
  return db.$transaction(async (tx) => {
    const where = { id: input.keyId, appId: input.appId, app: { teamId: { in: input.user.teamIds }, deletedAt: null } };
    const existing = await tx.apiKey.findFirst({ where, select: apiKeySelect });
    if (!existing) throw notFound("The API key");
    const { count } = await tx.apiKey.updateMany({ where: { id: existing.id, revokedAt: null }, data: { revokedAt: new Date() } });
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id: existing.id }, select: apiKeySelect });
    if (count === 1) {
      await recordAudit(tx, input.actor, {
        action: "api_key.revoke",
        targetType: "api_key",
        targetId: key.id,
        before: { revokedAt: null },
        after: { prefix: key.prefix, revokedAt: key.revokedAt?.toISOString() ?? null },
      });
    }
    return toKeyView(key, await modelSlugsById(tx, key.modelAllowlist));
  });
}
