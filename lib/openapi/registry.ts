import { z } from "zod";
import type { RouteAccess } from "@/lib/auth/permissions";

// Every documented API route registers itself here when its route file is loaded: defineRoute
// (lib/http/define-route.ts) registers the same declaration it serves with, so the entry cannot disagree with
// what runs. The OpenAPI document (lib/openapi/document.ts) is generated from these entries; the route files
// are loaded by app/api/openapi-document.ts, and a test fails when a route file exists without an entry.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * Response headers the API sends, declared once: a response lists the names it carries and the document
 * references these (components.headers). X-Request-Id is added to every /api/v1 answer and Retry-After to
 * every 429 by the document itself.
 */
export const RESPONSE_HEADERS = {
  "X-Request-Id": {
    description: "Id of this request (also in error bodies as requestId); quote it when reporting a problem.",
    schema: { type: "string" },
  },
  "Server-Timing": {
    description: "Time spent in the gateway and in the model: `gateway;dur=<ms>, upstream;dur=<ms>`.",
    schema: { type: "string" },
  },
  "RateLimit-Policy": {
    description: 'The quotas that apply to the caller (draft-ietf-httpapi-ratelimit-headers), e.g. `"key";q=600;w=60, "app";q=3000;w=60`.',
    schema: { type: "string" },
  },
  RateLimit: {
    description: 'What is left of the tightest quota: `"<policy>";r=<remaining calls>;t=<seconds until it resets>`.',
    schema: { type: "string" },
  },
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 0 } },
  Deprecation: {
    description: "The version is deprecated, since this Unix time (RFC 9745), e.g. `@1767225600`.",
    schema: { type: "string" },
  },
  Sunset: {
    description: "HTTP date after which the deprecated version is retired and answers 410 (RFC 8594).",
    schema: { type: "string" },
  },
  Link: {
    description: 'The replacement version\'s invoke URL, `rel="successor-version"`, when the deprecation names one.',
    schema: { type: "string" },
  },
  Location: { description: "URL of the created resource.", schema: { type: "string" } },
  "Content-Disposition": { description: "`attachment` with the file name of the export.", schema: { type: "string" } },
  "X-Total-Count": { description: "Number of rows in the export.", schema: { type: "integer", minimum: 0 } },
} as const;
export type ResponseHeader = keyof typeof RESPONSE_HEADERS;

export type ResponseSpec = {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  /** The same answer in other media types (e.g. `{"text/csv": z.string()}` for an export). */
  otherContent?: Record<string, z.ZodType>;
  /** Headers the answer carries besides X-Request-Id. */
  headers?: ResponseHeader[];
};

export type RouteSpec = {
  method: HttpMethod;
  /** OpenAPI path, e.g. "/api/v1/models/{owner}/{name}". */
  path: string;
  summary: string;
  tags: string[];
  /** Who may call: the session's role must grant the permission; keys are taken when a scope carries it. */
  permission: RouteAccess;
  /** Anonymous callers are also served (read-only catalog routes): security becomes optional. */
  anonymous?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body, parsed by the route wrapper. */
  body?: z.ZodType;
  /** Bodies the handler reads itself (multipart, streamed), per media type: documented, not parsed by the wrapper.
   * In multipart schemas a file part is a string with `contentMediaType` (zod: `.meta({ contentMediaType: "application/octet-stream" })`). */
  requestBodies?: Record<string, z.ZodType>;
  responses: Record<number, ResponseSpec>;
};

const routes: RouteSpec[] = [];

export function registerRoute(spec: RouteSpec): RouteSpec {
  const existing = routes.findIndex((r) => r.method === spec.method && r.path === spec.path);
  if (existing >= 0) routes[existing] = spec;
  else routes.push(spec);
  return spec;
}

export function registeredRoutes(): readonly RouteSpec[] {
  return routes;
}

/** The public error shape, shared by every route's error responses. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("snake_case machine-readable code"),
    message: z.string().describe("human sentence"),
    requestId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
