import { errorSchema, registerRoute, type RouteSpec } from "@/lib/openapi/registry";
import { invokeBody, invokeModelParams, invokeQuery, invokeResponse, invokeVersionParams } from "@/lib/gateway/schemas";

const errors: RouteSpec["responses"] = {
  400: { description: "Malformed JSON", schema: errorSchema },
  401: { description: "No or invalid credentials (revoked or expired key)", schema: errorSchema },
  403: { description: "Not allowed: key scope or model allow-list, or a gated model without a grant", schema: errorSchema },
  404: { description: "Model or version not found", schema: errorSchema },
  409: { description: "The version is not approved (draft, pending review or rejected)", schema: errorSchema },
  410: { description: "The version is retired; the message names its replacement", schema: errorSchema },
  413: { description: "Request body too large", schema: errorSchema },
  422: { description: "Input does not match the version's input schema (details.pointer = JSON pointer of the first problem)", schema: errorSchema },
  429: { description: "Rate limited (Retry-After, RateLimit-Policy, RateLimit headers)", schema: errorSchema },
  502: { description: "The model's server failed or answered garbage; or its address is not allowed (egress_blocked)", schema: errorSchema },
  503: { description: "The model's server is unreachable", schema: errorSchema },
  504: { description: "The model did not answer in time", schema: errorSchema },
};

const ok = {
  description: "The model's answer. Headers: X-Request-Id, Server-Timing (gateway;dur, upstream;dur), RateLimit-Policy, RateLimit; Deprecation, Sunset and Link for a deprecated version.",
  schema: invokeResponse,
};

registerRoute({
  method: "post",
  path: "/api/v1/models/{owner}/{name}/invoke",
  summary: "Invoke the latest approved version (or ?version= exact or range)",
  tags: ["gateway"],
  auth: ["apiKey", "session"],
  scope: "invoke",
  params: invokeModelParams,
  query: invokeQuery,
  body: invokeBody,
  responses: { 200: ok, ...errors },
});

registerRoute({
  method: "post",
  path: "/api/v1/models/{owner}/{name}/versions/{version}/invoke",
  summary: "Invoke one exact version",
  tags: ["gateway"],
  auth: ["apiKey", "session"],
  scope: "invoke",
  params: invokeVersionParams,
  body: invokeBody,
  responses: { 200: ok, ...errors },
});
