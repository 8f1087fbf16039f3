import { withApi } from "@/lib/http/handler";
import { publishAccess, publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { submitVersion } from "@/lib/publishing/submit-version";

// POST /api/v1/models/{owner}/{name}/versions/{version}/submit — a draft goes to review.
export const POST = withApi<{ owner: string; name: string; version: string }>(async (ctx) => {
  return json(await submitVersion(publishContextOf(ctx), ctx.params.owner, ctx.params.name, ctx.params.version));
}, publishAccess);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
