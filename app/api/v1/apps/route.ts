import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/list-apps";
import { appListSchema, appSchema, createAppSchema } from "@/lib/apps/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

// GET /api/v1/apps — the apps of the caller's teams with their keys (session only: keys cannot manage keys).
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/apps",
    summary: "List the apps of your teams with their keys (prefixes only)",
    tags: ["apps"],
    permission: "apps:manage",
    responses: { 200: { description: "Your teams' apps", schema: appListSchema } },
  },
  async ({ caller }) => {
    const user = sessionUserOf(caller);
    return json({ items: await listApps({ teamIds: user.teamIds }) }, { headers: { "cache-control": "no-store" } });
  },
);

// POST /api/v1/apps — create an app owned by one of the caller's teams.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/apps",
    summary: "Create an app owned by one of your teams",
    tags: ["apps"],
    permission: "apps:manage",
    body: createAppSchema,
    bodyLimit: 10_000,
    responses: {
      201: { description: "The new app", schema: appSchema },
      409: { description: "The team already has an app with this name", schema: errorSchema },
    },
  },
  async (ctx) => {
    const app = await createApp({ user: sessionUserOf(ctx.caller), actor: actorOf(ctx.caller, ctx), data: ctx.body });
    return json(app, { status: 201 });
  },
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
