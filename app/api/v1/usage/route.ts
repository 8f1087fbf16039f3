import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getUsage } from "@/lib/usage/get-usage";
import { usageQuerySchema } from "@/lib/usage/schemas";
import { usageViewerForCaller } from "@/lib/usage/usage-viewer-for-caller";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/v1/usage — usage series and totals, scoped to what the caller may see.
export const GET = withApi(
  async ({ req, caller }) => {
    const query = usageQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    return json(await getUsage({ query, viewer: usageViewerForCaller(caller) }), { headers: { "cache-control": "private, no-store" } });
  },
  { scope: "usage:read" },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
