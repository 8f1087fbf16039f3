import { commentOnVersion } from "@/lib/governance/comment-on-version";
import { commentBody, commentCreated, versionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/models/{owner}/{name}/versions/{version}/comments — a reviewer or the owning team comments.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/comments",
    summary: "Comment on a submitted version without deciding (reviewers and the owning team); the other side is notified",
    tags: ["governance"],
    permission: "signed-in",
    params: versionParams,
    body: commentBody,
    bodyLimit: 20_000,
    responses: {
      201: { description: "Comment recorded", schema: commentCreated },
      400: { description: "Invalid body", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Neither a reviewer nor in the owning team", schema: errorSchema },
      404: { description: "No such version", schema: errorSchema },
      409: { description: "The version is still a draft", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { caller, params: ref, body } = ctx;
    return json(await commentOnVersion({ user: sessionUserOf(caller), actor: actorOf(caller, ctx), ref, body: body.body }), {
      status: 201,
    });
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
