import { invokeModel } from "@/lib/gateway/invoke-model";
import { invokeModelParams, invokeQuery } from "@/lib/gateway/schemas";
import { withApi } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/invoke — latest approved version, or ?version= exact / semver range
export const POST = withApi<{ owner: string; name: string }>(
  async ({ req, params, caller, requestId }) => {
    const { owner, name } = invokeModelParams.parse(params);
    const { version } = invokeQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
    return invokeModel({ req, caller, requestId, owner, name, selector: { spec: version } });
  },
  { permission: "catalog:read", scope: "invoke" },
);
