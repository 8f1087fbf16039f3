import { modelPathParamsSchema } from "@/lib/catalog/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { getShadow } from "@/lib/rollouts/get-shadow";
import { shadowBody, shadowViewSchema } from "@/lib/rollouts/schemas";
import { deleteShadow, setShadow } from "@/lib/rollouts/set-shadow";

export const dynamic = "force-dynamic";

const denied = {
  401: { description: "Not signed in / invalid API key", schema: errorSchema },
  403: {
    description: "Not the model's team (publishers; a key needs the publish scope to change it), a reviewer or an admin",
    schema: errorSchema,
  },
  404: { description: "No such model", schema: errorSchema },
};

// GET /api/v1/models/{owner}/{name}/shadow — the shadow and how the candidate compares.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/shadow",
    summary: "The model's shadow and the comparison on the same inputs: agreement, mean absolute difference, latency, errors",
    tags: ["rollouts"],
    permission: "catalog:read",
    params: modelPathParamsSchema,
    responses: { 200: { description: "The shadow (null when none) and its figures", schema: shadowViewSchema }, ...denied },
  },
  async (ctx) => json(await getShadow(ctx.principal, ctx.params)),
);

// PUT /api/v1/models/{owner}/{name}/shadow — mirror a share of the live calls to a candidate.
export const PUT = defineRoute(
  {
    method: "put",
    path: "/api/v1/models/{owner}/{name}/shadow",
    summary:
      "Mirror a percentage of the model's live calls to a candidate version (in review or approved); callers still get the serving version's answer",
    tags: ["rollouts"],
    permission: "catalog:read",
    params: modelPathParamsSchema,
    body: shadowBody,
    responses: {
      200: { description: "The shadow as set", schema: shadowViewSchema },
      400: { description: "A malformed body (percent outside 0–100)", schema: errorSchema },
      ...denied,
      409: { description: "invalid_transition: the version is neither in review nor approved", schema: errorSchema },
    },
  },
  async (ctx) => json(await setShadow(ctx.principal, actorOf(ctx.caller, ctx), ctx.params, ctx.body)),
);

// DELETE /api/v1/models/{owner}/{name}/shadow — stop mirroring (idempotent).
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/models/{owner}/{name}/shadow",
    summary: "Stop the model's shadow (idempotent; the comparisons stay)",
    tags: ["rollouts"],
    permission: "catalog:read",
    params: modelPathParamsSchema,
    responses: { 200: { description: "No shadow any more", schema: shadowViewSchema }, ...denied },
  },
  async (ctx) => json(await deleteShadow(ctx.principal, actorOf(ctx.caller, ctx), ctx.params)),
);

export const { POST, PATCH } = methodsNotAllowed({ GET, PUT, DELETE });
