// Everything the door does not answer itself goes to Next on loopback, streamed both ways (100 MB uploads,
// CSV downloads, server-sent events): the request as the client sent it, `Host` included, minus the
// connection's own headers; plus the client's address, which Next's server believes only with the door's
// token (lib/http/client-ip.ts). Answers come back as Next sent them, API answers with the security headers.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { DOOR_HEADER, PEER_HEADER } from "@/lib/http/client-ip";
import { AppError } from "@/lib/server/errors";
import { newRequestId } from "@/lib/server/request-id";
import { errorParts } from "@/lib/http/respond";

export type NextTarget = { port: number; token: string };

// The connection's own headers (RFC 9110 §7.6.1), never forwarded. `expect` was answered by the door's server
// (100 Continue), `http2-settings` belongs to an h2c upgrade offer, which the door ignores.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "http2-settings",
  "expect",
]);
const NOT_FROM_CLIENTS = new Set([PEER_HEADER, DOOR_HEADER]);

/** A raw header list without the hop-by-hop headers and those the `Connection` header names. */
function endToEnd(raw: string[], drop: Set<string> = new Set()): string[] {
  const listed = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === "connection") for (const name of raw[i + 1].split(",")) listed.add(name.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !listed.has(name) && !drop.has(name)) kept.push(raw[i], raw[i + 1]);
  }
  return kept;
}

function unavailable(res: ServerResponse) {
  const parts = errorParts(
    new AppError("service_unavailable", "The portal is not ready (starting or restarting); try again in a moment."),
    newRequestId(),
  );
  res.writeHead(parts.status, { ...parts.headers, "retry-after": "1", "content-length": String(Buffer.byteLength(parts.body)) });
  res.end(parts.body);
}

/** A forwarder to Next on 127.0.0.1:`port`, over pooled keep-alive connections. */
export function forwardToNext(target: NextTarget, options: { apiHeaders: Record<string, string> }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: "lifo" });
  const apiHeaders = Object.entries(options.apiHeaders);

  return function forward(req: IncomingMessage, res: ServerResponse): void {
    const peer = req.socket.remoteAddress ?? "";
    const headers = endToEnd(req.rawHeaders, NOT_FROM_CLIENTS);
    headers.push(PEER_HEADER, peer, DOOR_HEADER, target.token);
    // What Next would have set from the client's socket had the client connected to it.
    if (req.headers["x-forwarded-for"] === undefined) headers.push("x-forwarded-for", peer);
    let upstream: http.ClientRequest;
    try {
      upstream = http.request({ host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers, agent });
    } catch {
      // A path Node's client refuses to send (characters a request line may not carry).
      const parts = errorParts(new AppError("bad_request", "The request path is not valid."), newRequestId());
      res.writeHead(parts.status, { ...parts.headers, "content-length": String(Buffer.byteLength(parts.body)) });
      res.end(parts.body);
      return;
    }
    upstream.on("response", (answer) => {
      const out = endToEnd(answer.rawHeaders);
      if (req.url?.startsWith("/api/") || req.url?.startsWith("/v1/"))
        for (const [name, value] of apiHeaders) if (answer.headers[name] === undefined) out.push(name, value);
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      answer.pipe(res);
      answer.on("close", () => {
        if (!answer.complete) res.destroy();
      }); // Next's connection broke mid-answer
      // Next answered before the request body was all in (e.g. 413 while an upload streams): its connection is
      // not reused (it stopped reading), and the rest of the body is read and dropped here, so the client reads
      // the answer instead of a reset connection.
      if (!req.complete)
        answer.on("end", () => {
          req.unpipe(upstream);
          upstream.destroy();
          req.resume();
        });
    });
    upstream.on("error", () => {
      if (res.headersSent) res.destroy();
      else unavailable(res);
    });
    // The client went away before its answer was complete: stop Next's work on it too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
