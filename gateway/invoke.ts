// The door's own answers: Bearer-key calls to the two invoke routes and CORS preflights on them, answered
// straight from lib/gateway on Node's request with the functions the Next route handlers call
// (resolveKeyCaller → invokeEndpoint → errorParts, lib/gateway/cors.ts), so status, headers and bodies are the
// same (gateway/door.test.ts), without Next's router and rendering machinery, which cost more CPU per call
// than the gateway's own work.
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { corsPreflight, corsResponseHeaders, mergeVary } from "@/lib/gateway/cors";
import { invokeEndpoint, type InvokeRoute } from "@/lib/gateway/invoke-endpoint";
import { prefersAsync } from "@/lib/predictions/prefer";
import { newRequestId } from "@/lib/server/request-id";
import { withIncomingTrace } from "@/lib/server/tracing";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";
import { errorParts, type ResponseParts } from "@/lib/http/respond";
import { unstorableText } from "@/lib/server/safe-input";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

// The two invoke paths, exactly (no trailing slash, no extra segments: anything else goes to Next).
const LATEST = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/invoke$/;
const EXACT = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/invoke$/;
const GZIP_FROM = 2048;
const SECURITY_HEADERS = apiSecurityHeaders();
const gzipAsync = promisify(gzip);

/** The invoke route a request URL names, or null (another path, or segments only Next's route may answer). */
export function invokeRouteOf(url: string): InvokeRoute | null {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  let route: InvokeRoute | null = null;
  try {
    const exact = EXACT.exec(path);
    const latest = exact ? null : LATEST.exec(path);
    if (exact)
      route = {
        kind: "exact",
        params: { owner: decodeURIComponent(exact[1]), name: decodeURIComponent(exact[2]), version: decodeURIComponent(exact[3]) },
      };
    else if (latest)
      route = {
        kind: "latest",
        params: { owner: decodeURIComponent(latest[1]), name: decodeURIComponent(latest[2]) },
        search: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
      };
  } catch {
    return null; // malformed percent-encoding: the door's 400 (lib/http/reject-malformed-path.ts) answers it
  }
  // %00 and the like: Next's route (defineRoute) answers them with its 400.
  if (route && Object.values(route.params).some((v) => unstorableText(v) !== null)) return null;
  return route;
}

const header = (req: IncomingMessage, name: "origin" | "authorization"): string | null => req.headers[name] ?? null;

/**
 * Answers `POST …/invoke` with an `Authorization` header and `OPTIONS` on the invoke paths; returns false for
 * anything else (sessions, other methods and paths, async calls with `Prefer: respond-async`, whose
 * predictions Next's process runs), which the door forwards to Next.
 */
export function answerInvoke(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith("/api/v1/models/")) return false;
  const preflight = req.method === "OPTIONS";
  if (!preflight && (req.method !== "POST" || !req.headers.authorization || prefersAsync(req.headers.prefer))) return false;
  const route = invokeRouteOf(req.url);
  if (!route) return false;
  // A caller's W3C traceparent makes the call's span its child (when tracing is on: lib/server/tracing.ts).
  const answered = preflight
    ? corsPreflight(header(req, "origin"), newRequestId())
    : withIncomingTrace(
        (name) => req.headers[name],
        () => invoke(req, route, req.headers.authorization!),
      );
  answered
    .then((parts) => send(req, res, parts))
    .catch((error: unknown) => {
      console.error("[door] could not write the response", error);
      res.destroy();
    });
  return true;
}

async function invoke(req: IncomingMessage, route: InvokeRoute, authorization: string): Promise<ResponseParts> {
  const requestId = newRequestId();
  let parts: ResponseParts;
  let rateLimit: Record<string, string> = {};
  try {
    // Authenticates the key and counts the call against its rate limit before anything is authorised.
    const caller = await resolveKeyCaller(authorization, "models:invoke");
    rateLimit = caller.rateLimit;
    const declaredBytes = Number(req.headers["content-length"] ?? 0);
    parts = await invokeEndpoint(route, { body: { stream: req, declaredBytes }, caller, requestId });
    parts.headers["x-request-id"] = requestId;
  } catch (error) {
    parts = errorParts(error, requestId, rateLimit);
  }
  // Browser calls (an Origin header) from an app's allowed origin may read the answer; others get no CORS headers.
  if (req.headers.origin) {
    const cors = await corsResponseHeaders({ origin: header(req, "origin"), authorization });
    parts.headers = { ...parts.headers, ...cors, ...(cors.vary ? { vary: mergeVary(parts.headers.vary, cors.vary) } : {}) };
  }
  // Diagnostics for the benchmarks (off by default): which process answered.
  if (process.env.MODELPORT_EXPOSE_RECORDER === "1") parts.headers["x-modelport-path"] = "door";
  return parts;
}

async function send(req: IncomingMessage, res: ServerResponse, parts: ResponseParts) {
  if (res.destroyed) return;
  // A body abandoned half-read (413 while streaming) cannot be skipped on a keep-alive connection.
  if (req.readableDidRead && !req.complete) parts.headers.connection = "close";
  let body: Buffer | string = parts.body;
  // Like Next (compress: true), large answers are gzipped for clients that accept it; the usual small JSON
  // answer is not worth the CPU.
  if (parts.body.length >= GZIP_FROM && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = await gzipAsync(parts.body);
    parts.headers["content-encoding"] = "gzip";
    parts.headers.vary = mergeVary(parts.headers.vary, "Accept-Encoding");
  }
  if (res.destroyed) return;
  res.writeHead(parts.status, { ...SECURITY_HEADERS, ...parts.headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}
