import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { giveFeedback } from "@/lib/model-health/feedback/give-feedback";
import { feedbackBody, feedbackResult } from "@/lib/model-health/feedback/schemas";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/feedback — ground truth for recorded calls: the actual label or value, by request id.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/feedback",
    summary: "Give ground truth for recorded calls (a key of the calling app or the owning team; up to 1,000; replaces earlier feedback)",
    tags: ["model health"],
    permission: "models:invoke",
    body: feedbackBody,
    bodyLimit: 1_000_000,
    responses: {
      200: { description: "Stored; per item whether it matched a scored call", schema: feedbackResult },
      400: { description: "Invalid body", schema: errorSchema },
      401: { description: "Not signed in or no valid key", schema: errorSchema },
      403: { description: "The key lacks the invoke scope", schema: errorSchema },
      404: { description: "Single form: no scored call of yours with that request id", schema: errorSchema },
      422: { description: "More than 1,000 items, or (single form) an actual of the wrong kind", schema: errorSchema },
    },
  },
  async (ctx) => json(await giveFeedback({ principal: ctx.principal!, actor: actorOf(ctx.caller, ctx), body: ctx.body })),
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
