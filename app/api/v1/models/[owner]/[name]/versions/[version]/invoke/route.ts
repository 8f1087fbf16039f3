import { corsOptions, withCors } from "@/lib/gateway/cors";
import { invokeEndpoint, toResponse } from "@/lib/gateway/invoke-endpoint";
import { withApi } from "@/lib/http/handler";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/versions/{version}/invoke — one exact version.
// Production servers answer Bearer-key calls to this path in the lean listener (lib/gateway/lean-invoke.ts).
export const POST = withCors(withApi<{ owner: string; name: string; version: string }>(
  async ({ req, params, caller, requestId }) => toResponse(await invokeEndpoint({ kind: "exact", params }, { req, caller, requestId })),
  { requiredPermissions: ["models:invoke"] },
));

// OPTIONS — CORS preflight from a browser page on an app's allowed origin (lib/gateway/cors.ts).
export const OPTIONS = corsOptions;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
