import "server-only";
import { db } from "@/lib/server/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { generateApiKey } from "@/lib/auth/api-keys";
import type { SessionUser } from "@/lib/auth/current-user";
import { grantableScopes } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { apiKeySelect, toKeyView } from "@/lib/apps/key-view";
import { VISIBLE_STATUSES } from "@/lib/catalog/model-visibility";
import { createKeySchema, type CreateKeyInput, type CreatedKey } from "@/lib/apps/schemas";
import { AppError, notFound } from "@/lib/server/errors";

/**
 * Creates a key for one of the user's teams' apps. The secret is returned here once; only its public
 * prefix and SHA-256 hash are stored. Apps of other teams answer 404, as if they did not exist. A key holds
 * only scopes the creator's role grants (403 otherwise), and acts for its creator from then on.
 */
export async function createApiKey(input: {
  user: Pick<SessionUser, "id" | "teamIds" | "role">;
  actor: AuditActor;
  appId: string;
  data: CreateKeyInput;
}): Promise<CreatedKey> {
  const data = createKeySchema.parse(input.data);
  const grantable = grantableScopes(input.user.role);
  const refused = data.scopes.filter((s) => !grantable.includes(s));
  if (refused.length > 0) {
    throw new AppError(
      "scope_not_grantable",
      `Your role (${ROLE_LABELS[input.user.role]}) cannot grant the ${refused.map((s) => `"${s}"`).join(" and ")} scope${refused.length > 1 ? "s" : ""}: a key never does more than the person who creates it. You can grant: ${grantable.join(", ")}.`,
      { details: { refused, grantable } },
    );
  }
  const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) throw new AppError("unprocessable", "The expiry must be in the future.");
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: input.appId, teamId: { in: input.user.teamIds }, deletedAt: null },
      select: { id: true },
    });
    if (!app) throw notFound("The app");
    const slugs = [...new Set(data.models.map((s) => s.toLowerCase()))];
    // Only models the user may see (lib/catalog/model-visibility.ts): a hidden one is as unknown as a missing one.
    const visible = { OR: [{ teamId: { in: input.user.teamIds } }, { catalogStatuses: { hasSome: [...VISIBLE_STATUSES] } }] };
    const models = slugs.length
      ? await tx.model.findMany({ where: { slug: { in: slugs }, ...visible }, select: { id: true, slug: true } })
      : [];
    const missing = slugs.filter((s) => !models.some((m) => m.slug === s));
    if (missing.length) throw new AppError("unprocessable", `Unknown model in the allow-list: ${missing.join(", ")}.`);
    const generated = generateApiKey();
    const key = await tx.apiKey.create({
      data: {
        appId: app.id,
        name: data.name,
        prefix: generated.prefix,
        hash: generated.hash,
        scopes: data.scopes,
        modelAllowlist: models.map((m) => m.id),
        expiresAt,
        createdById: input.user.id,
      },
      select: apiKeySelect,
    });
    const view = toKeyView(key, new Map(models.map((m) => [m.id, m.slug])));
    await recordAudit(tx, input.actor, {
      action: "api_key.create",
      targetType: "api_key",
      targetId: key.id,
      after: { appId: app.id, name: view.name, prefix: view.prefix, scopes: view.scopes, models: view.models, expiresAt: view.expiresAt },
    });
    return { ...view, secret: generated.secret };
  });
}
