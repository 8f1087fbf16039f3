import { reviewVersion } from "@/lib/governance/review-version";
import { reviewBody, reviewResult, versionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/models/{owner}/{name}/versions/{version}/review — a reviewer approves or rejects.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/review",
    summary: "Approve or reject a version pending review",
    tags: ["governance"],
    permission: "versions:review",
    params: versionParams,
    body: reviewBody,
    bodyLimit: 20_000,
    responses: {
      200: { description: "Decision recorded; high-risk models stay pending until a second reviewer approves", schema: reviewResult },
      400: { description: "Invalid body (a rejection needs a comment)", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not a reviewer, or reviewing your own version", schema: errorSchema },
      404: { description: "No such version", schema: errorSchema },
      409: { description: "Not pending review (current state in details) or already reviewed by you", schema: errorSchema },
      422: { description: "Policy checklist incomplete (missing items in details)", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { caller, params: ref, body } = ctx;
    return json(await reviewVersion({ reviewer: sessionUserOf(caller), actor: actorOf(caller, ctx), ref, body }));
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
