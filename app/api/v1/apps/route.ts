import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/list-apps";
import { createAppSchema } from "@/lib/apps/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi } from "@/lib/http/handler";
import { forbidden } from "@/lib/server/errors";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/v1/apps — the apps of the caller's teams with their keys (session only: keys cannot manage keys).
export const GET = withApi(
  async ({ caller }) => {
    if (caller.kind !== "user") throw forbidden();
    return json({ items: await listApps({ teamIds: caller.user.teamIds }) }, { headers: { "cache-control": "no-store" } });
  },
  { requiredPermissions: ["apps:manage"] },
);

// POST /api/v1/apps — create an app owned by one of the caller's teams.
export const POST = withApi(
  async (ctx) => {
    if (ctx.caller.kind !== "user") throw forbidden();
    const data = createAppSchema.parse(await readJson(ctx.req, 10_000));
    const app = await createApp({ user: ctx.caller.user, actor: actorOf(ctx.caller, ctx), data });
    return json(app, { status: 201 });
  },
  { requiredPermissions: ["apps:manage"] },
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
