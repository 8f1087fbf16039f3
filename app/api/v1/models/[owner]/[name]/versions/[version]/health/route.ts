import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { getVersionHealth } from "@/lib/model-health/get-version-health";
import { healthQuery, healthVersionParams, versionHealthSchema } from "@/lib/model-health/schemas";
import { errorSchema } from "@/lib/openapi/registry";

// GET /api/v1/models/{owner}/{name}/versions/{version}/health?from=&to= — drift, data quality, traffic.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/health",
    summary: "A version's health over a window: drift per feature, data-quality violations, error rate and latency",
    tags: ["model health"],
    permission: "catalog:read",
    params: healthVersionParams,
    query: healthQuery,
    responses: {
      200: { description: "The version's health (window default: the last 7 days)", schema: versionHealthSchema },
      400: { description: "Bad window", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      404: { description: "No such version (or not visible to the caller)", schema: errorSchema },
    },
  },
  async (ctx) => json(await getVersionHealth(ctx.principal, ctx.params, ctx.query)),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
