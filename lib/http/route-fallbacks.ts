import { AppError } from "@/lib/server/errors";
import { newRequestId } from "@/lib/server/request-id";
import { errorResponse } from "@/lib/http/respond";

// Next.js answers a method a route file does not export with an empty 405 (no Allow header) and an unknown
// path with its HTML 404 page. The API promises its JSON error shape for both, so every route file ends with
//   export const { PUT, PATCH, DELETE, HEAD } = methodsNotAllowed({ GET, POST });
// and app/api/[...path]/route.ts answers every path no other route file matches.

export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Implemented = Partial<Record<RouteMethod, unknown>>;
/** The methods a route file must still answer with 405: all but the implemented ones (and HEAD when GET is, which Next derives from GET). */
type Missing<T extends Implemented> = Exclude<RouteMethod, keyof T | ("GET" extends keyof T ? "HEAD" : never)>;
type Handler = (req: Request) => Response;

/** The Allow header for a route implementing these methods: HEAD comes with GET, OPTIONS always (Next answers it). */
export function allowHeader(implemented: readonly string[]): string {
  const allowed = new Set(implemented.map((m) => m.toUpperCase()));
  if (allowed.has("GET")) allowed.add("HEAD");
  allowed.add("OPTIONS");
  return [...ROUTE_METHODS, "OPTIONS"].filter((m) => allowed.has(m)).join(", ");
}

function pathOf(req: Request): string {
  try {
    return new URL(req.url).pathname.slice(0, 200);
  } catch {
    return "this path";
  }
}

/**
 * Handlers for every method a route file does not implement: 405 in the public error shape with an
 * `Allow` header. Pass the implemented handlers; TypeScript refuses to destructure one of them by mistake.
 */
export function methodsNotAllowed<T extends Implemented>(implemented: T): Record<Missing<T>, Handler> {
  const names = Object.keys(implemented);
  const allow = allowHeader(names);
  const listed = allow.split(", ").filter((m) => m !== "HEAD" && m !== "OPTIONS");
  const handler: Handler = (req) =>
    errorResponse(
      new AppError("method_not_allowed", `${req.method} is not allowed on ${pathOf(req)}; use ${listed.join(" or ")}.`, {
        headers: { allow },
      }),
      newRequestId(),
    );
  const out: Partial<Record<RouteMethod, Handler>> = {};
  for (const method of ROUTE_METHODS) {
    if (!names.includes(method) && !(method === "HEAD" && names.includes("GET"))) out[method] = handler;
  }
  return out as Record<Missing<T>, Handler>;
}

/** Handlers for a path no route matches: 404 in the public error shape, whatever the method. */
export function unknownApiPath(): Record<RouteMethod | "OPTIONS", Handler> {
  const handler: Handler = (req) =>
    errorResponse(
      new AppError(
        "not_found",
        `No API route matches ${req.method} ${pathOf(req)}. The routes are listed at /docs/api and in /api/openapi.json.`,
      ),
      newRequestId(),
    );
  return { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}
