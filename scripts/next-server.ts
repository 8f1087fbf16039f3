// The production HTTP server (started by scripts/start.ts instead of `next start`): Next.js serves every
// page and route, except Bearer-key calls to `POST …/invoke`, which the lean listener answers straight from
// lib/gateway (lib/gateway/lean-invoke.ts) — same code, same answers, a fraction of the CPU per call.
// MODELPORT_LEAN_INVOKE=0 sends those calls through Next too (for comparisons).
import "./allow-server-only"; // must stay the first import (see the file)
import { EventEmitter } from "node:events";
import http from "node:http";
import next from "next";
import { parseTrustedProxies, PEER_HEADER, PEER_HEADER_ENV } from "../lib/http/client-ip";
import { apiSecurityHeaders } from "../lib/http/security-headers";

const port = Number(process.env.PORT ?? 3000);
const lean = process.env.MODELPORT_LEAN_INVOKE !== "0";

async function main() {
  const t0 = performance.now();
  parseTrustedProxies(process.env.MODELPORT_TRUSTED_PROXIES); // a bad list stops the start with its reason
  process.env[PEER_HEADER_ENV] = "1"; // route handlers may believe PEER_HEADER: it is set below on every request
  // Next hangs its WebSocket upgrade handler (dev-only HMR) on the server of the first request it sees, and it
  // ends every other upgrade with an empty reply, including plain HTTP/1.1 calls that offer `Upgrade: h2c`
  // (Java's HttpClient, `curl --http2`). Given an emitter of its own, it leaves this server without an
  // 'upgrade' listener, so Node ignores the offer and answers as HTTP/1.1.
  const app = next({ dev: false, dir: process.cwd(), port, httpServer: new EventEmitter() as http.Server });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Loaded after prepare, like the lean path: lib code imports next/server.
  const { rejectMalformedPath } = await import("../lib/http/reject-malformed-path");
  // Until the lean path is loaded, invoke calls go through the Next route: the same code and answers, only
  // more CPU per call. Loading it (tsx compiling lib/gateway and the Prisma client) takes seconds on a cold
  // start, so the server does not wait for it before listening.
  let leanInvoke: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
  let stopListener: () => Promise<void> = async () => {};
  // Security headers of the API answers Next serves (pages get theirs from proxy.ts, the lean listener its own).
  const apiHeaders = Object.entries(apiSecurityHeaders());
  const server = http.createServer((req, res) => {
    // The socket's address for the audit trail (lib/http/client-ip.ts); a client's own value is overwritten.
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    if (rejectMalformedPath(req, res)) return;
    if (leanInvoke && leanInvoke(req, res)) return;
    if (req.url?.startsWith("/api/")) for (const [name, value] of apiHeaders) res.setHeader(name, value);
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  console.log(`[server] listening on :${port} (Next.js ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    // Stop accepting, let in-flight calls finish (their rows are committed before they answer), then exit.
    server.close(() => void stopListener().finally(() => void app.close().finally(() => process.exit(0))));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // Started by scripts/start.ts with an IPC channel, which closes when the launcher dies (even by SIGKILL):
  // without its supervisor (and soon without its database) the server stops too.
  process.on("disconnect", () => {
    console.error("[server] the launcher is gone: stopping");
    shutdown();
  });

  if (lean) {
    // Loaded only now: lib code imports next/server, which needs the globals Next sets up while preparing.
    const gateway = await import("../lib/gateway/lean-invoke");
    const cache = await import("../lib/gateway/hot-cache");
    stopListener = cache.stopListener;
    // Cache invalidation must be live before the first cached lookup (until then lookups go to the database).
    if (!(await cache.listenerReady())) console.error("[server] the gateway cache's LISTEN connection is not up yet; lookups bypass the cache until it is");
    leanInvoke = gateway.leanInvoke;
    console.log(`[server] lean invoke path on (after ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error: Error) => {
  console.error(`[server] start failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
