import "server-only";
import { resolveApiKey } from "@/lib/auth/resolve-api-key";
import { pool } from "@/lib/server/db";
import { cachedLookup } from "@/lib/gateway/hot-cache";
import { forbidden } from "@/lib/server/errors";
import { newRequestId } from "@/lib/server/request-id";
import { errorParts, type ResponseParts } from "@/lib/http/respond";

// CORS for the invoke routes, so the browser JavaScript snippet works from an app's own pages. An app lists
// its allowed browser origins (apps.allowedOrigins, edited on My apps); the gateway answers:
// - a preflight (OPTIONS, which carries no Authorization header) with the Access-Control-Allow-* headers
//   when some app lists the page's origin, else 403 without any of them;
// - a call with Access-Control-Allow-Origin when the calling key's app lists the origin (for a call without
//   a valid key — its 401 — when some app does), else without any CORS header, so the browser keeps the
//   answer from the page.
// Credentials (cookies) are never allowed cross-origin: the key is the credential. The gateway door
// (gateway/) and the Next routes both call these functions, so they answer identically.

/** What CORS looks at in a request: its Origin and Authorization headers. */
export type CorsRequest = { origin: string | null; authorization: string | null };

const ALLOW_METHODS = "POST, OPTIONS";
const ALLOW_HEADERS = "Authorization, Content-Type, Accept, Prefer";
/** What a page's script may read of an answer besides the CORS-safelisted headers. */
const EXPOSE_HEADERS = "X-Request-Id, Server-Timing, Deprecation, Sunset, Link, Retry-After, RateLimit, RateLimit-Policy";
/** Seconds a browser may reuse a preflight answer. */
const MAX_AGE = "600";

/** Whether any live app lists this origin (cached like the gateway's key lookups; apps changes evict it). */
function anyAppAllows(origin: string): Promise<boolean> {
  return cachedLookup("key", `cors-any:${origin}`, async () => {
    const { rows } = await pool().query(`SELECT 1 FROM apps WHERE "deletedAt" IS NULL AND $1 = ANY("allowedOrigins") LIMIT 1`, [origin]);
    return rows.length > 0;
  });
}

function originsOfApp(appId: string): Promise<string[]> {
  return cachedLookup("key", `cors-app:${appId}`, async () => {
    const { rows } = await pool().query<{ allowedOrigins: string[] }>(
      `SELECT "allowedOrigins" FROM apps WHERE id = $1 AND "deletedAt" IS NULL`,
      [appId],
    );
    return rows[0]?.allowedOrigins ?? [];
  });
}

/** The app of a valid `Bearer <key>` header, else null. */
async function appOfKey(authorization: string | null): Promise<string | null> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match) return null;
  try {
    return (await resolveApiKey(match[1])).appId;
  } catch {
    return null;
  }
}

/** A browser's Origin header worth looking up ("null" — sandboxed frames, files — never is). */
function realOrigin(origin: string | null): string | null {
  return origin && origin !== "null" && origin.length <= 200 ? origin : null;
}

/** Vary values merged into an existing header value. */
export function mergeVary(existing: string | null | undefined, ...values: string[]): string {
  const list = (existing ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const v of values) if (!list.some((x) => x.toLowerCase() === v.toLowerCase())) list.push(v);
  return list.join(", ");
}

/** CORS headers for an invoke answer (empty when the request has no Origin or the origin is not allowed). */
export async function corsResponseHeaders(request: CorsRequest): Promise<Record<string, string>> {
  const origin = realOrigin(request.origin);
  if (!origin) return {};
  const appId = await appOfKey(request.authorization);
  const allowed = appId ? (await originsOfApp(appId)).includes(origin) : await anyAppAllows(origin);
  if (!allowed) return { vary: "Origin" };
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSE_HEADERS, vary: "Origin" };
}

/** The answer to `OPTIONS` on an invoke route: a preflight for an allowed origin, 403 for others. */
export async function corsPreflight(requestOrigin: string | null, requestId: string): Promise<ResponseParts> {
  const origin = realOrigin(requestOrigin);
  if (!origin) return { status: 204, headers: { allow: ALLOW_METHODS, "x-request-id": requestId }, body: "" };
  if (!(await anyAppAllows(origin))) {
    const denied = errorParts(
      forbidden(`Pages on ${origin} may not call the gateway: add it to an app's allowed browser origins (My apps).`),
      requestId,
    );
    return { ...denied, headers: { ...denied.headers, vary: "Origin" } };
  }
  return {
    status: 204,
    body: "",
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": ALLOW_METHODS,
      "access-control-allow-headers": ALLOW_HEADERS,
      "access-control-max-age": MAX_AGE,
      allow: ALLOW_METHODS,
      vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      "x-request-id": requestId,
    },
  };
}

/** Wraps a Next invoke route handler so its answers (errors too) carry the CORS headers. */
export function withCors<R extends Request, C>(handler: (req: R, ctx: C) => Promise<Response>) {
  return async (req: R, ctx: C): Promise<Response> => {
    const response = await handler(req, ctx);
    if (!req.headers.get("origin")) return response;
    const request = { origin: req.headers.get("origin"), authorization: req.headers.get("authorization") };
    for (const [name, value] of Object.entries(await corsResponseHeaders(request))) {
      response.headers.set(name, name === "vary" ? mergeVary(response.headers.get("vary"), value) : value);
    }
    return response;
  };
}

/** `OPTIONS` on a Next invoke route (the same answer as the door's). */
export async function corsOptions(req: Request): Promise<Response> {
  const { status, headers, body } = await corsPreflight(req.headers.get("origin"), newRequestId());
  return new Response(status === 204 ? null : body, { status, headers });
}
