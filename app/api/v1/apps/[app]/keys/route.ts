import { createApiKey } from "@/lib/apps/create-api-key";
import { appParamsSchema, createKeySchema } from "@/lib/apps/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { forbidden } from "@/lib/server/errors";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// POST /api/v1/apps/{app}/keys — create a key; its secret is in this response and never again.
export const POST = withApi<{ app: string }>(
  async (ctx) => {
    if (ctx.caller.kind !== "user") throw forbidden();
    const { app } = appParamsSchema.parse(ctx.params);
    const data = createKeySchema.parse(await readJson(ctx.req, 20_000));
    const key = await createApiKey({ user: ctx.caller.user, actor: actorOf(ctx.caller, ctx), appId: app, data });
    return json(key, { status: 201, headers: { "cache-control": "no-store" } });
  },
  { requiredPermissions: ["apps:manage"] },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
