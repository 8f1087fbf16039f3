import { appParamsSchema, updateAppSchema, updatedAppSchema } from "@/lib/apps/schemas";
import { updateApp } from "@/lib/apps/update-app";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

// PATCH /api/v1/apps/{app} — change an app of the caller's teams (its allowed browser origins).
export const PATCH = defineRoute(
  {
    method: "patch",
    path: "/api/v1/apps/{app}",
    summary: "Change an app: the browser origins allowed to call the gateway with its keys (CORS)",
    tags: ["apps"],
    permission: "apps:manage",
    params: appParamsSchema,
    body: updateAppSchema,
    bodyLimit: 10_000,
    responses: {
      200: { description: "The app's new settings", schema: updatedAppSchema },
      400: { description: "Not an origin (scheme://host[:port])", schema: errorSchema },
    },
  },
  async (ctx) =>
    json(await updateApp({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), appId: ctx.params.app, data: ctx.body })),
);

export const { GET, HEAD, POST, PUT, DELETE } = methodsNotAllowed({ PATCH });
