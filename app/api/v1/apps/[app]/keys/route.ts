import { createApiKey } from "@/lib/apps/create-api-key";
import { appParamsSchema, createdKeySchema, createKeySchema } from "@/lib/apps/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

// POST /api/v1/apps/{app}/keys — create a key; its secret is in this response and never again.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/apps/{app}/keys",
    summary: "Create an API key (the secret is returned once)",
    tags: ["apps"],
    permission: "apps:manage",
    params: appParamsSchema,
    body: createKeySchema,
    bodyLimit: 20_000,
    responses: {
      201: { description: "The new key with its secret — store it now, it is never shown again", schema: createdKeySchema },
      403: {
        description: "`scope_not_grantable`: a scope your role does not grant (a key never does more than its creator)",
        schema: errorSchema,
      },
      422: { description: "Unknown model in the allow-list or an expiry in the past", schema: errorSchema },
    },
  },
  async (ctx) => {
    const key = await createApiKey({
      user: sessionUserOf(ctx.caller),
      actor: actorOf(ctx.caller, ctx),
      appId: ctx.params.app,
      data: ctx.body,
    });
    return json(key, { status: 201, headers: { "cache-control": "no-store" } });
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
