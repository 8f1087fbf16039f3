import { invokeResponse } from "@/lib/gateway/schemas";
import { acceptedPredictionSchema } from "@/lib/predictions/schemas";
import { errorSchema, type ResponseHeader, type RouteSpec } from "@/lib/openapi/registry";

// What the two invoke routes answer, for their OpenAPI entries (app/api/v1/models/…/invoke/route.ts).

// Once the version is known every answer carries Server-Timing and its deprecation headers; once the call
// is counted against the quotas (after authorisation), the RateLimit headers too.
const counted: ResponseHeader[] = ["Server-Timing", "RateLimit-Policy", "RateLimit", "Deprecation", "Sunset", "Link"];
const resolved: ResponseHeader[] = ["Server-Timing", "Deprecation", "Sunset", "Link"];

export const invokeResponses: RouteSpec["responses"] = {
  200: {
    description: "The model's answer. Deprecation, Sunset and Link are sent for a deprecated version only.",
    schema: invokeResponse,
    headers: counted,
  },
  202: {
    description:
      "With `Prefer: respond-async`: the call was admitted (key, scope, access, rate limit, input all checked) and stored as a prediction; poll Location (GET /api/v1/predictions/{id}) or wait for its webhook.",
    schema: acceptedPredictionSchema,
    headers: ["Location", ...counted],
  },
  400: { description: "Malformed JSON, or an invalid webhook option of an async call", schema: errorSchema },
  401: { description: "No or invalid credentials (revoked or expired key)", schema: errorSchema },
  403: {
    description: "Not allowed: key scope or model allow-list, or a gated model without a grant",
    schema: errorSchema,
    headers: resolved,
  },
  404: { description: "Model or version not found", schema: errorSchema },
  409: { description: "The version is not approved (draft, pending review or rejected)", schema: errorSchema, headers: resolved },
  410: { description: "The version is retired; the message names its replacement", schema: errorSchema, headers: resolved },
  413: { description: "Request body too large", schema: errorSchema, headers: counted },
  422: {
    description: "Input does not match the version's input schema (details.pointer = JSON pointer of the first problem)",
    schema: errorSchema,
    headers: counted,
  },
  429: { description: "Rate limited: wait Retry-After seconds", schema: errorSchema, headers: ["Retry-After", ...counted] },
  502: {
    description: "The model's server failed or answered garbage; or its address is not allowed (egress_blocked)",
    schema: errorSchema,
    headers: counted,
  },
  503: { description: "The model's server is unreachable, or the call could not be recorded", schema: errorSchema, headers: counted },
  504: { description: "The model did not answer in time", schema: errorSchema, headers: counted },
};
