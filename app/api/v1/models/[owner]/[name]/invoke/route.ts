import { corsOptions, withCors } from "@/lib/gateway/cors";
import { invokeEndpoint, toResponse } from "@/lib/gateway/invoke-endpoint";
import { invokeResponses } from "@/lib/gateway/invoke-responses";
import { invokeBodyOf } from "@/lib/gateway/read-invoke-body";
import { invokeBody, invokeModelParams, invokeQuery } from "@/lib/gateway/schemas";
import { predictionWebhookQuery } from "@/lib/predictions/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { asyncInvoke } from "@/lib/predictions/async-invoke";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/invoke — latest approved version, or ?version= exact / semver range.
// With `Prefer: respond-async`: 202 and a prediction to poll (lib/predictions; the door forwards such calls here).
// In production the gateway door (gateway/invoke.ts) answers Bearer-key calls to this path itself, with the
// same invokeEndpoint; this handler serves the console (session), `next dev` and MODELPORT_DOOR_INVOKE=0.
// The body is streamed to the gateway (which bounds and validates it), so the wrapper only documents it.
export const POST = withCors(
  defineRoute(
    {
      method: "post",
      path: "/api/v1/models/{owner}/{name}/invoke",
      summary: "Invoke the latest approved version (or ?version= exact or range)",
      tags: ["gateway"],
      permission: "models:invoke",
      params: invokeModelParams,
      query: invokeQuery.extend(predictionWebhookQuery.shape),
      requestBodies: { "application/json": invokeBody },
      responses: invokeResponses,
    },
    async ({ req, params, caller, requestId }) =>
      toResponse(
        await invokeEndpoint(
          { kind: "latest", params, search: req.nextUrl.searchParams },
          { body: invokeBodyOf(req), caller, requestId, defer: asyncInvoke(req, caller, requestId) },
        ),
      ),
  ),
);

// OPTIONS — CORS preflight from a browser page on an app's allowed origin (lib/gateway/cors.ts).
export const OPTIONS = corsOptions;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
