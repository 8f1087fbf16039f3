import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { corsPreflight, corsResponseHeaders, mergeVary } from "@/lib/gateway/cors";
import { invokeEndpoint, type InvokeRoute } from "@/lib/gateway/invoke-endpoint";
import type { InvokeRequest } from "@/lib/gateway/read-invoke-body";
import { newRequestId } from "@/lib/http/request-id";
import { unstorableText } from "@/lib/http/safe-input";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";
import { errorParts, type ResponseParts } from "@/lib/http/respond";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

// The two invoke paths, exactly (no trailing slash, no extra segments: anything else goes to Next).
const LATEST = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/invoke$/;
const EXACT = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/invoke$/;

function routeOf(url: string): InvokeRoute | null {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  let route: InvokeRoute | null = null;
  try {
    const exact = EXACT.exec(path);
    const latest = exact ? null : LATEST.exec(path);
    if (exact) route = { kind: "exact", params: { owner: decodeURIComponent(exact[1]), name: decodeURIComponent(exact[2]), version: decodeURIComponent(exact[3]) } };
    else if (latest) route = { kind: "latest", params: { owner: decodeURIComponent(latest[1]), name: decodeURIComponent(latest[2]) }, search: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)) };
  } catch {
    return null; // malformed percent-encoding: let Next answer it
  }
  // %00 and the like: Next's route (withApi) answers them with the same 400.
  if (route && Object.values(route.params).some((v) => unstorableText(v) !== null)) return null;
  return route;
}

/**
 * The lean path for API calls: `POST …/invoke` with an `Authorization` header, answered straight from
 * lib/gateway on the Node request, without Next's router and rendering machinery (which costs more CPU per
 * request than the gateway itself). Same code as the Next route (resolveKeyCaller + invokeEndpoint +
 * errorParts), so status, headers and bodies are identical; CORS preflights (`OPTIONS`) on the same paths
 * are answered here too (lib/gateway/cors.ts). Returns false for anything else (sessions, other methods and
 * paths), which the caller hands to Next.
 */
export function leanInvoke(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith("/api/v1/models/")) return false;
  const preflight = req.method === "OPTIONS";
  if (!preflight && (req.method !== "POST" || !req.headers.authorization)) return false;
  const route = routeOf(req.url);
  if (!route) return false;
  (preflight ? answerPreflight(req, res) : serve(req, res, route, req.headers.authorization!)).catch((error: unknown) => {
    console.error("[lean invoke] could not write the response", error);
    res.destroy();
  });
  return true;
}

function headersOf(req: IncomingMessage): InvokeRequest["headers"] {
  return {
    get(name) {
      const v = req.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}

// A CORS preflight carries no Authorization header (lib/gateway/cors.ts decides, as in the Next route).
async function answerPreflight(req: IncomingMessage, res: ServerResponse) {
  const parts = await corsPreflight(headersOf(req), newRequestId());
  if (res.destroyed) return;
  res.writeHead(parts.status, { ...parts.headers, "content-length": String(Buffer.byteLength(parts.body)) });
  res.end(parts.body);
}

async function serve(req: IncomingMessage, res: ServerResponse, route: InvokeRoute, authorization: string) {
  const requestId = newRequestId();
  const request: InvokeRequest = { headers: headersOf(req), body: req };
  let parts: ResponseParts;
  let rateLimit: Record<string, string> = {};
  try {
    // Authenticates the key and counts the call against its rate limit before anything is authorised.
    const caller = await resolveKeyCaller(authorization, "invoke");
    rateLimit = caller.rateLimit;
    parts = await invokeEndpoint(route, { req: request, caller, requestId });
    parts.headers["x-request-id"] = requestId;
  } catch (error) {
    parts = errorParts(error, requestId, rateLimit);
  }
  // Browser calls (an Origin header) from an app's allowed origin may read the answer; others get no CORS headers.
  if (req.headers.origin) {
    const cors = await corsResponseHeaders(request.headers);
    parts.headers = { ...parts.headers, ...cors, ...(cors.vary ? { vary: mergeVary(parts.headers.vary, cors.vary) } : {}) };
  }
  // Diagnostics for the benchmarks (off by default): which path answered.
  if (process.env.MODELPORT_EXPOSE_RECORDER === "1") parts.headers["x-modelport-path"] = "lean";
  // A body abandoned half-read (413 while streaming) cannot be skipped on a keep-alive connection.
  if (req.readableDidRead && !req.complete) parts.headers.connection = "close";
  if (res.destroyed) return;
  let body: Buffer | string = parts.body;
  // Like Next (compress: true), large answers are gzipped for clients that accept it; the usual small JSON
  // answer is not worth the CPU.
  if (parts.body.length >= GZIP_FROM && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = await gzipAsync(parts.body);
    parts.headers["content-encoding"] = "gzip";
    parts.headers.vary = mergeVary(parts.headers.vary, "Accept-Encoding");
  }
  // The security headers scripts/server.ts gives the API answers Next serves (nosniff, CSP, frame and referrer policies, HSTS).
  res.writeHead(parts.status, { ...SECURITY_HEADERS, ...parts.headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

const GZIP_FROM = 2048;
const SECURITY_HEADERS = apiSecurityHeaders();
const gzipAsync = promisify(gzip);
