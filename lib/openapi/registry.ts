import { z } from "zod";

// Every /api/v1 route registers itself here with the same zod schemas its handler uses; the OpenAPI
// document (lib/openapi/document.ts) is generated from these entries, and a test fails when a route file
// exists without an entry. Each domain keeps its entries in lib/<domain>/openapi.ts.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type RouteSpec = {
  method: HttpMethod;
  /** OpenAPI path, e.g. "/api/v1/models/{owner}/{name}". */
  path: string;
  summary: string;
  tags: string[];
  /** "session" = browser session, "apiKey" = bearer key; list what the route accepts, [] = public. */
  auth: ("session" | "apiKey")[];
  /** Anonymous callers are also served (read-only catalog routes): security becomes optional. */
  anonymous?: boolean;
  /** API key scope required when called with a key. */
  scope?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Content type of the body when not JSON (e.g. multipart/form-data). */
  bodyContentType?: string;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
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
