// The production HTTP server (started by scripts/start.ts instead of `next start`): Next.js serves every
// page and route, except Bearer-key calls to `POST …/invoke`, which the lean listener answers straight from
// lib/gateway (lib/gateway/lean-invoke.ts) — same code, same answers, a fraction of the CPU per call.
// MODELPORT_LEAN_INVOKE=0 sends those calls through Next too (for comparisons).
import "./allow-server-only"; // must stay the first import (see the file)
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const lean = process.env.MODELPORT_LEAN_INVOKE !== "0";

async function main() {
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Loaded only now: lib code imports next/server, which needs the globals Next sets up while preparing.
  const { leanInvoke } = await import("../lib/gateway/lean-invoke");
  const { listenerReady, stopListener } = await import("../lib/gateway/hot-cache");
  const server = http.createServer((req, res) => {
    if (lean && leanInvoke(req, res)) return;
    void handle(req, res);
  });
  // Cache invalidation must be live before the first cached lookup (until then lookups go to the database).
  if (!(await listenerReady())) console.error("[server] the gateway cache's LISTEN connection is not up yet; lookups bypass the cache until it is");
  await new Promise<void>((resolve) => server.listen(port, resolve));
  console.log(`[server] listening on :${port}${lean ? " (lean invoke path on)" : ""}`);

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
}

main().catch((error: Error) => {
  console.error(`[server] start failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
