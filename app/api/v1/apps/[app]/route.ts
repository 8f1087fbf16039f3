import { appParamsSchema, updateAppSchema } from "@/lib/apps/schemas";
import { updateApp } from "@/lib/apps/update-app";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { forbidden } from "@/lib/server/errors";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// PATCH /api/v1/apps/{app} — change an app of the caller's teams (its allowed browser origins).
export const PATCH = withApi<{ app: string }>(
  async (ctx) => {
    if (ctx.caller.kind !== "user") throw forbidden();
    const { app } = appParamsSchema.parse(ctx.params);
    const data = updateAppSchema.parse(await readJson(ctx.req, 10_000));
    return json(await updateApp({ user: ctx.caller.user, actor: actorOf(ctx.caller, ctx), appId: app, data }));
  },
  { permission: "apps:manage" },
);

export const { GET, HEAD, POST, PUT, DELETE } = methodsNotAllowed({ PATCH });
