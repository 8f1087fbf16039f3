import type { RouteSpec } from "@/lib/openapi/registry";
import { openAiErrorBody } from "@/lib/openai-compat/schemas";

// The error answers of the OpenAI-compatible door, for its OpenAPI entries: the invoke routes' statuses in OpenAI's shape.

const e = (description: string) => ({ description, schema: openAiErrorBody });

export const doorErrors: RouteSpec["responses"] = {
  400: e("Malformed JSON or request (e.g. no messages), or the model is not an OpenAI-compatible version"),
  401: e("No or invalid API key"),
  403: e("Not allowed: key scope or model allow-list, or a gated model without a grant"),
  404: e("Model or version not found"),
  409: e("The version is not approved"),
  410: e("The version is retired; the message names its replacement"),
  413: e("Request body too large"),
  422: e("Input does not match the version's input schema"),
  429: { ...e("Rate limited: wait Retry-After seconds"), headers: ["Retry-After", "RateLimit-Policy", "RateLimit"] },
  502: e("The model's server failed or answered garbage"),
  503: e("The model's server is unreachable, or the call could not be recorded"),
  504: e("The model did not answer in time"),
};
