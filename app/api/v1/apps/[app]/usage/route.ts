import { getAppUsage } from "@/lib/apps/get-app-usage";
import { appParamsSchema, appUsageQuerySchema } from "@/lib/apps/schemas";
import { withApi } from "@/lib/http/handler";
import { forbidden } from "@/lib/server/errors";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/v1/apps/{app}/usage?from=&to= — an app's calls, errors, latency and cost, per key, model and day.
export const GET = withApi<{ app: string }>(
  async ({ req, params, caller }) => {
    if (caller.kind !== "user") throw forbidden();
    const { app } = appParamsSchema.parse(params);
    const query = appUsageQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    return json(await getAppUsage({ user: caller.user, appId: app, query }), { headers: { "cache-control": "no-store" } });
  },
  { permission: "apps:manage" },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
