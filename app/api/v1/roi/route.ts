import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { getRoi } from "@/lib/usage/get-roi";
import { roiQuerySchema, roiResponseSchema } from "@/lib/usage/schemas";
import { usageViewerForCaller } from "@/lib/usage/usage-viewer-for-caller";

export const dynamic = "force-dynamic";

// GET /api/v1/roi — cost, value and ROI per group and over time, scoped to what the caller may see.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/roi",
    summary: "Cost, value and ROI = (value − cost) / cost per group and over time",
    tags: ["usage"],
    permission: "usage:read",
    query: roiQuerySchema,
    responses: { 200: { description: "Totals, trend and one row per group", schema: roiResponseSchema } },
  },
  async ({ query, caller }) =>
    json(await getRoi({ query, viewer: usageViewerForCaller(caller) }), { headers: { "cache-control": "private, no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
