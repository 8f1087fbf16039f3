import { requestAccess } from "@/lib/governance/request-access";
import { accessRequestBody, accessRequestView, modelParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/models/{owner}/{name}/access-requests — a consumer asks access to a gated model for an app.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/access-requests",
    summary: "Request access to a gated model for one of your apps",
    tags: ["governance"],
    permission: "apps:manage",
    params: modelParams,
    body: accessRequestBody,
    bodyLimit: 20_000,
    responses: {
      201: { description: "Request queued for the owning team and reviewers", schema: accessRequestView },
      400: { description: "Invalid body", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Role may not manage apps", schema: errorSchema },
      404: { description: "No such model or app of yours", schema: errorSchema },
      409: { description: "Model not gated, access already granted or a request already pending", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { caller, params: ref, body } = ctx;
    return json(await requestAccess({ user: sessionUserOf(caller), actor: actorOf(caller, ctx), ref, body }), { status: 201 });
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
