import { modelPathParamsSchema } from "@/lib/catalog/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { getCanary } from "@/lib/rollouts/get-canary";
import { canaryBody, canaryViewSchema } from "@/lib/rollouts/schemas";
import { deleteCanary, setCanary } from "@/lib/rollouts/set-canary";

export const dynamic = "force-dynamic";

const denied = {
  401: { description: "Not signed in / invalid API key", schema: errorSchema },
  403: { description: "Not the model's team (publishers; a key needs the publish scope to change it) or an admin", schema: errorSchema },
  404: { description: "No such model or version", schema: errorSchema },
};

// GET /api/v1/models/{owner}/{name}/canary — the split and the figures it is judged on.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/canary",
    summary: "The model's canary split and its recent figures (calls, 5xx error rate, p95) against the stable version",
    tags: ["rollouts"],
    permission: "catalog:read",
    params: modelPathParamsSchema,
    responses: { 200: { description: "The canary (null when none) and its figures", schema: canaryViewSchema }, ...denied },
  },
  async (ctx) => json(await getCanary(ctx.principal, ctx.params)),
);

// PUT /api/v1/models/{owner}/{name}/canary — split range and latest calls between two approved versions.
export const PUT = defineRoute(
  {
    method: "put",
    path: "/api/v1/models/{owner}/{name}/canary",
    summary:
      "Send a weighted share of the model's range and latest calls to a canary version (pinned callers are never split); rolled back automatically when it breaks its thresholds",
    tags: ["rollouts"],
    permission: "catalog:read",
    params: modelPathParamsSchema,
    body: canaryBody,
    responses: {
      200: { description: "The canary as set", schema: canaryViewSchema },
      400: { description: "A malformed body (weight outside 0–100, the same version twice)", schema: errorSchema },
      ...denied,
      409: { description: "invalid_transition: a version is not approved", schema: errorSchema },
    },
  },
  async (ctx) => json(await setCanary(ctx.principal, actorOf(ctx.caller, ctx), ctx.params, ctx.body)),
);

// DELETE /api/v1/models/{owner}/{name}/canary — end the split (idempotent).
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/models/{owner}/{name}/canary",
    summary: "End the model's canary split (idempotent)",
    tags: ["rollouts"],
    permission: "catalog:read",
    params: modelPathParamsSchema,
    responses: { 200: { description: "No canary any more", schema: canaryViewSchema }, ...denied },
  },
  async (ctx) => json(await deleteCanary(ctx.principal, actorOf(ctx.caller, ctx), ctx.params)),
);

export const { POST, PATCH } = methodsNotAllowed({ GET, PUT, DELETE });
