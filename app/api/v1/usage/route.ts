import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { getUsage } from "@/lib/usage/get-usage";
import { usageQuerySchema, usageResponseSchema } from "@/lib/usage/schemas";
import { usageViewerForCaller } from "@/lib/usage/usage-viewer-for-caller";

export const dynamic = "force-dynamic";

// GET /api/v1/usage — usage series and totals, scoped to what the caller may see.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/usage",
    summary: "Usage series and totals: calls, errors, error rate, p50/p95/p99 latency (total, gateway, model)",
    tags: ["usage"],
    permission: "usage:read",
    query: usageQuerySchema,
    responses: { 200: { description: "Series per interval, totals and one row per group", schema: usageResponseSchema } },
  },
  async ({ query, caller }) =>
    json(await getUsage({ query, viewer: usageViewerForCaller(caller) }), { headers: { "cache-control": "private, no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
