import { corsOptions, withCors } from "@/lib/gateway/cors";
import { invokeEndpoint, toResponse } from "@/lib/gateway/invoke-endpoint";
import { invokeBodyOf } from "@/lib/gateway/read-invoke-body";
import { withApi } from "@/lib/http/handler";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/invoke — latest approved version, or ?version= exact / semver range.
// In production the gateway door (gateway/invoke.ts) answers Bearer-key calls to this path itself, with the
// same invokeEndpoint; this handler serves the console (session), `next dev` and MODELPORT_DOOR_INVOKE=0.
export const POST = withCors(
  withApi<{ owner: string; name: string }>(
    async ({ req, params, caller, requestId }) =>
      toResponse(
        await invokeEndpoint({ kind: "latest", params, search: req.nextUrl.searchParams }, { body: invokeBodyOf(req), caller, requestId }),
      ),
    { requiredPermissions: ["models:invoke"] },
  ),
);

// OPTIONS — CORS preflight from a browser page on an app's allowed origin (lib/gateway/cors.ts).
export const OPTIONS = corsOptions;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
