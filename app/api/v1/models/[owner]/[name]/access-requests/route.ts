import { requestAccess } from "@/lib/governance/request-access";
import { accessRequestBody, modelParams } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// POST /api/v1/models/{owner}/{name}/access-requests — a consumer asks access to a gated model for an app.
export const POST = withApi(
  async (ctx) => {
    const ref = modelParams.parse(ctx.params);
    const body = accessRequestBody.parse(await readJson(ctx.req, 20_000));
    const result = await requestAccess({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), ref, body });
    return json(result, { status: 201 });
  },
  { permission: "apps:manage" },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
