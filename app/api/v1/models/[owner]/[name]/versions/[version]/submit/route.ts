import { defineRoute } from "@/lib/http/define-route";
import { publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { versionPathParams, versionViewSchema } from "@/lib/publishing/schemas";
import { submitVersion } from "@/lib/publishing/submit-version";

// POST /api/v1/models/{owner}/{name}/versions/{version}/submit — a draft goes to review.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/submit",
    summary: "Submit a draft for review (draft → pending_review)",
    tags: ["publishing"],
    permission: "models:publish",
    params: versionPathParams,
    responses: { 200: { description: "Submitted", schema: versionViewSchema }, 409: { description: "invalid_transition: not a draft" } },
  },
  async (ctx) => {
    const { owner, name, version } = ctx.params;
    return json(await submitVersion(publishContextOf(ctx), owner, name, version));
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
