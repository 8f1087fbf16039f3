import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getRoi } from "@/lib/usage/get-roi";
import { roiQuerySchema } from "@/lib/usage/schemas";
import { usageViewerForCaller } from "@/lib/usage/usage-viewer-for-caller";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/v1/roi — cost, value and ROI per group and over time, scoped to what the caller may see.
export const GET = withApi(
  async ({ req, caller }) => {
    const query = roiQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    return json(await getRoi({ query, viewer: usageViewerForCaller(caller) }), { headers: { "cache-control": "private, no-store" } });
  },
  { scope: "usage:read" },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
