import { getAppUsage } from "@/lib/apps/get-app-usage";
import { appParamsSchema, appUsageQuerySchema, appUsageSchema } from "@/lib/apps/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

// GET /api/v1/apps/{app}/usage?from=&to= — an app's calls, errors, latency and cost, per key, model and day.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/apps/{app}/usage",
    summary: "Usage of one of your apps: calls, errors, latency and cost in total, per key, per model and per day",
    tags: ["apps"],
    permission: "apps:manage",
    params: appParamsSchema,
    query: appUsageQuerySchema,
    responses: {
      200: { description: "The app's usage over the range", schema: appUsageSchema },
      404: { description: "No such app among your teams'", schema: errorSchema },
    },
  },
  async ({ params, query, caller }) =>
    json(await getAppUsage({ user: sessionUserOf(caller), appId: params.app, query }), { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
