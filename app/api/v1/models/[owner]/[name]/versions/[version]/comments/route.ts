import { commentOnVersion } from "@/lib/governance/comment-on-version";
import { commentBody, versionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// POST /api/v1/models/{owner}/{name}/versions/{version}/comments — a reviewer or the owning team comments.
export const POST = withApi(async (ctx) => {
  const ref = versionParams.parse(ctx.params);
  const { body } = commentBody.parse(await readJson(ctx.req, 20_000));
  return json(await commentOnVersion({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), ref, body }), { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
