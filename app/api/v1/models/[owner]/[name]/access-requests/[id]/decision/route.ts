import { decideAccessRequest } from "@/lib/governance/decide-access-request";
import { accessDecisionBody, accessDecisionParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// POST /api/v1/models/{owner}/{name}/access-requests/{id}/decision — owner maintainer or reviewer decides.
export const POST = withApi(
  async (ctx) => {
    const ref = accessDecisionParams.parse(ctx.params);
    const body = accessDecisionBody.parse(await readJson(ctx.req, 20_000));
    const result = await decideAccessRequest({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), ref, body });
    return json(result);
  },
  { permission: "access:decide" },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
