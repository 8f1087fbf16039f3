import { modelParams } from "@/lib/governance/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { listModelAlerts } from "@/lib/model-health/alerts/list-alerts";
import { alertList, alertsQuery } from "@/lib/model-health/alerts/schemas";
import { errorSchema } from "@/lib/openapi/registry";

// GET /api/v1/models/{owner}/{name}/alerts — the model's health alerts and its health status.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/alerts",
    summary: "A model's health alerts (threshold breaches, open and resolved) and its health status",
    tags: ["model health"],
    permission: "catalog:read",
    params: modelParams,
    query: alertsQuery,
    responses: {
      200: { description: "Alerts, newest first", schema: alertList },
      400: { description: "Invalid query", schema: errorSchema },
      401: { description: "Not signed in or no valid key", schema: errorSchema },
      404: { description: "No such model, or not the owning team, a reviewer, an admin or an executive", schema: errorSchema },
    },
  },
  async ({ principal, params, query }) => json(await listModelAlerts({ principal: principal!, ref: params, ...query })),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
