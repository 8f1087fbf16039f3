import { deprecateVersion } from "@/lib/governance/deprecate-version";
import { deprecateBody, versionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// POST /api/v1/models/{owner}/{name}/versions/{version}/deprecate — sets the sunset date of an approved version.
export const POST = withApi(async (ctx) => {
  const ref = versionParams.parse(ctx.params);
  const body = deprecateBody.parse(await readJson(ctx.req, 20_000));
  const result = await deprecateVersion({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), ref, body });
  return json(result);
});

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
