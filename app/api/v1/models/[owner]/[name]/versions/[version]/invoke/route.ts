import { corsOptions, withCors } from "@/lib/gateway/cors";
import { invokeEndpoint, toResponse } from "@/lib/gateway/invoke-endpoint";
import { invokeResponses } from "@/lib/gateway/invoke-responses";
import { invokeBodyOf } from "@/lib/gateway/read-invoke-body";
import { invokeBody, invokeVersionParams } from "@/lib/gateway/schemas";
import { predictionWebhookQuery } from "@/lib/predictions/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { asyncInvoke } from "@/lib/predictions/async-invoke";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/versions/{version}/invoke — one exact version.
// With `Prefer: respond-async`: 202 and a prediction to poll (lib/predictions; the door forwards such calls here).
// In production the gateway door (gateway/invoke.ts) answers Bearer-key calls to this path itself.
export const POST = withCors(
  defineRoute(
    {
      method: "post",
      path: "/api/v1/models/{owner}/{name}/versions/{version}/invoke",
      summary: "Invoke one exact version",
      tags: ["gateway"],
      permission: "models:invoke",
      params: invokeVersionParams,
      query: predictionWebhookQuery,
      requestBodies: { "application/json": invokeBody },
      responses: invokeResponses,
    },
    async ({ req, params, caller, requestId }) =>
      toResponse(
        await invokeEndpoint(
          { kind: "exact", params },
          { body: invokeBodyOf(req), caller, requestId, defer: asyncInvoke(req, caller, requestId) },
        ),
      ),
  ),
);

// OPTIONS — CORS preflight from a browser page on an app's allowed origin (lib/gateway/cors.ts).
export const OPTIONS = corsOptions;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
