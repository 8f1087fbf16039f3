import { z } from "zod";
import { decideAccessRequest } from "@/lib/governance/decide-access-request";
import { accessDecisionBody, accessDecisionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/models/{owner}/{name}/access-requests/{id}/decision — owner maintainer or reviewer decides.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/access-requests/{id}/decision",
    summary: "Approve, deny or revoke an access request",
    tags: ["governance"],
    permission: "access:decide",
    params: accessDecisionParams,
    body: accessDecisionBody,
    bodyLimit: 20_000,
    responses: {
      200: {
        description: "Decision recorded; the access grant follows it",
        schema: z.object({
          id: z.uuid(),
          status: z.enum(["approved", "denied", "revoked"]),
          model: z.string(),
          appId: z.uuid(),
          decisionComment: z.string().nullable(),
          decidedAt: z.string(),
        }),
      },
      400: { description: "Invalid body (deny/revoke need a comment)", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not a maintainer of the owning team or a reviewer", schema: errorSchema },
      404: { description: "No such request for this model", schema: errorSchema },
      409: { description: "Request not in a state that allows this decision", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { caller, params: ref, body } = ctx;
    return json(await decideAccessRequest({ user: sessionUserOf(caller), actor: actorOf(caller, ctx), ref, body }));
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
