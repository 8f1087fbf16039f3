import { reviewVersion } from "@/lib/governance/review-version";
import { reviewBody, versionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// POST /api/v1/models/{owner}/{name}/versions/{version}/review — a reviewer approves or rejects.
export const POST = withApi(
  async (ctx) => {
    const ref = versionParams.parse(ctx.params);
    const body = reviewBody.parse(await readJson(ctx.req, 20_000));
    const result = await reviewVersion({ reviewer: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), ref, body });
    return json(result);
  },
  { permission: "versions:review" },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
