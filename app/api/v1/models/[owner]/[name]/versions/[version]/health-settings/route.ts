import { versionParams } from "@/lib/governance/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { healthSettingsOf, updateHealthSettings } from "@/lib/model-health/alerts/health-settings";
import { healthSettingsBody, healthSettingsView } from "@/lib/model-health/alerts/schemas";
import { findHealthVersion } from "@/lib/model-health/feedback/find-health-version";
import { errorSchema } from "@/lib/openapi/registry";

const responses404 = { description: "No such version, or not one whose health you see", schema: errorSchema };

// GET /api/v1/models/{owner}/{name}/versions/{version}/health-settings — ground-truth kind and alert thresholds.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/health-settings",
    summary: "A version's ground-truth kind, reference accuracy and alert thresholds (with the defaults)",
    tags: ["model health"],
    permission: "catalog:read",
    params: versionParams,
    responses: {
      200: { description: "The settings and every rule's threshold", schema: healthSettingsView },
      401: { description: "Not signed in or no valid key", schema: errorSchema },
      404: responses404,
    },
  },
  async ({ principal, params }) => json(healthSettingsOf(await findHealthVersion(principal!, params))),
);

// PUT /api/v1/models/{owner}/{name}/versions/{version}/health-settings — the owning team sets them.
export const PUT = defineRoute(
  {
    method: "put",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/health-settings",
    summary: "Set a version's ground-truth kind, reference accuracy and alert thresholds (owning team's publishers, admins)",
    tags: ["model health"],
    permission: "models:publish",
    params: versionParams,
    body: healthSettingsBody,
    bodyLimit: 20_000,
    responses: {
      200: { description: "Saved", schema: healthSettingsView },
      400: { description: "Invalid body or unknown rule", schema: errorSchema },
      401: { description: "Not signed in or no valid key", schema: errorSchema },
      403: { description: "Not the owning team's publisher or an admin", schema: errorSchema },
      404: responses404,
    },
  },
  async (ctx) => {
    const version = await findHealthVersion(ctx.principal!, ctx.params);
    return json(await updateHealthSettings({ principal: ctx.principal!, actor: actorOf(ctx.caller, ctx), version, body: ctx.body }));
  },
);

export const { POST, PATCH, DELETE } = methodsNotAllowed({ GET, PUT });
