import { deprecateVersion } from "@/lib/governance/deprecate-version";
import { deprecateBody, deprecateResult, versionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/models/{owner}/{name}/versions/{version}/deprecate — sets the sunset date of an approved version.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/deprecate",
    summary: "Deprecate an approved version with a sunset date",
    tags: ["governance"],
    permission: "signed-in",
    params: versionParams,
    body: deprecateBody,
    bodyLimit: 20_000,
    responses: {
      200: { description: "Deprecated; retired automatically after sunsetAt", schema: deprecateResult },
      400: { description: "Invalid body, sunset in the past or bad replacement", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not the owning team's publisher, a reviewer or an admin", schema: errorSchema },
      404: { description: "No such version", schema: errorSchema },
      409: { description: "Not approved (current state in details)", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { caller, params: ref, body } = ctx;
    return json(await deprecateVersion({ user: sessionUserOf(caller), actor: actorOf(caller, ctx), ref, body }));
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
