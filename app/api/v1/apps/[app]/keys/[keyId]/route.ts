import { revokeApiKey } from "@/lib/apps/revoke-api-key";
import { keyParamsSchema } from "@/lib/apps/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { withApi } from "@/lib/http/handler";
import { forbidden } from "@/lib/server/errors";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// DELETE /api/v1/apps/{app}/keys/{keyId} — revoke a key; the gateway refuses it from the next call on.
export const DELETE = withApi<{ app: string; keyId: string }>(
  async (ctx) => {
    if (ctx.caller.kind !== "user") throw forbidden();
    const { app, keyId } = keyParamsSchema.parse(ctx.params);
    const key = await revokeApiKey({ user: ctx.caller.user, actor: actorOf(ctx.caller, ctx), appId: app, keyId });
    return json(key);
  },
  { requiredPermissions: ["apps:manage"] },
);

export const { GET, HEAD, POST, PUT, PATCH } = methodsNotAllowed({ DELETE });
