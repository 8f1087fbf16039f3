import { revokeApiKey } from "@/lib/apps/revoke-api-key";
import { apiKeySchema, keyParamsSchema } from "@/lib/apps/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// DELETE /api/v1/apps/{app}/keys/{keyId} — revoke a key; the gateway refuses it from the next call on.
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/apps/{app}/keys/{keyId}",
    summary: "Revoke an API key (refused by the gateway at once)",
    tags: ["apps"],
    permission: "apps:manage",
    params: keyParamsSchema,
    responses: { 200: { description: "The revoked key", schema: apiKeySchema } },
  },
  async (ctx) => {
    const { app, keyId } = ctx.params;
    return json(await revokeApiKey({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), appId: app, keyId }));
  },
);

export const { GET, HEAD, POST, PUT, PATCH } = methodsNotAllowed({ DELETE });
