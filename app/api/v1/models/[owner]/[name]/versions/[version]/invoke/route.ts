import { invokeModel } from "@/lib/gateway/invoke-model";
import { invokeVersionParams } from "@/lib/gateway/schemas";
import { withApi } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/versions/{version}/invoke — one exact version
export const POST = withApi<{ owner: string; name: string; version: string }>(
  async ({ req, params, caller, requestId }) => {
    const { owner, name, version } = invokeVersionParams.parse(params);
    return invokeModel({ req, caller, requestId, owner, name, selector: { exact: version } });
  },
  { permission: "catalog:read", scope: "invoke" },
);
