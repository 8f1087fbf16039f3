import "server-only";
import type { NextRequest } from "next/server";
import { json } from "@/lib/http/respond";
import { MAX_INVOKE_BODY_BYTES } from "@/lib/gateway/read-invoke-body";
import { toResponse } from "@/lib/gateway/invoke-endpoint";
import type { Caller } from "@/lib/auth/principal";
import type { RouteSpec } from "@/lib/openapi/registry";
import { oipInfer, oipModelMetadata, oipModelReady, type OipTarget } from "@/lib/oip/door";
import { oipErrors, oipReadErrors } from "@/lib/http/oip-errors";
import {
  oipInferRequest,
  oipInferResponse,
  oipModelMetadata as metadataSchema,
  oipModelParams,
  oipModelReady as readySchema,
  oipVersionParams,
  type OipInferRequest,
} from "@/lib/oip/schemas";

// The declarations and handlers of the Open Inference Protocol door's model routes, once for the latest approved
// version (/oip/{owner}/v2/models/{name}/…) and once for an exact one (…/versions/{version}/…); each route file
// declares its route with defineRoute(spec, handler) from these (lib/oip/ holds the door itself).

const TAGS = ["open-inference-protocol"];
const base = (versioned: boolean) => `/oip/{owner}/v2/models/{name}${versioned ? "/versions/{version}" : ""}`;
const paramsOf = (versioned: boolean) => (versioned ? oipVersionParams : oipModelParams);
const which = (versioned: boolean) => (versioned ? "this version" : "the latest approved version");

export const metadataSpec = (versioned: boolean) => ({
  method: "get" as const,
  path: base(versioned),
  summary: `Open Inference Protocol model metadata: the input and output tensors of ${which(versioned)}`,
  tags: TAGS,
  permission: "models:invoke" as const,
  params: paramsOf(versioned),
  responses: { 200: { description: "The model's tensors", schema: metadataSchema }, ...oipReadErrors },
});

export const readySpec = (versioned: boolean) => ({
  method: "get" as const,
  path: `${base(versioned)}/ready`,
  summary: `Open Inference Protocol model ready: 200 when the caller may call ${which(versioned)} now`,
  tags: TAGS,
  permission: "models:invoke" as const,
  params: paramsOf(versioned),
  responses: { 200: { description: "Ready", schema: readySchema }, ...oipReadErrors },
});

const inferResponses: RouteSpec["responses"] = {
  200: { description: "The output tensors", schema: oipInferResponse, headers: ["RateLimit-Policy", "RateLimit"] },
  ...oipErrors,
};

export const inferSpec = (versioned: boolean) => ({
  method: "post" as const,
  path: `${base(versioned)}/infer`,
  summary: `Open Inference Protocol inference on ${which(versioned)} (ONNX, or a KServe V2 server), recorded on channel oip`,
  tags: TAGS,
  permission: "models:invoke" as const,
  params: paramsOf(versioned),
  body: oipInferRequest,
  bodyLimit: MAX_INVOKE_BODY_BYTES,
  responses: inferResponses,
});

type Ctx = { params: OipTarget; caller: Caller };

export const metadataHandler = async ({ params, caller }: Ctx) => json(await oipModelMetadata(params, caller));
export const readyHandler = async ({ params, caller }: Ctx) => json(await oipModelReady(params, caller));
export const inferHandler = async ({
  req,
  params,
  body,
  caller,
  requestId,
}: Ctx & { req: NextRequest; body: OipInferRequest; requestId: string }) =>
  toResponse(
    await oipInfer(params, body, {
      bytes: Number(req.headers.get("content-length") ?? 0) || JSON.stringify(body).length,
      caller,
      requestId,
    }),
  );
