// Next.js behind the gateway door (started by scripts/start.ts next to gateway/server.ts, the public server):
// it listens on 127.0.0.1 only, on the internal port the door forwards to, and serves every page and route the
// door does not answer itself. The door writes the client's address into PEER_HEADER and proves itself with
// DOOR_HEADER (a secret both processes get from the launcher); a request without that proof — anything else
// on this machine that connects here — has PEER_HEADER dropped, so no one else can choose the address the
// audit trail records (lib/http/client-ip.ts).
import { timingSafeEqual } from "node:crypto";
import { EventEmitter } from "node:events";
import http from "node:http";
import next from "next";
import { DOOR_HEADER, PEER_HEADER, PEER_HEADER_ENV } from "../lib/http/client-ip";
import { flushRegisteredTracing } from "../lib/server/tracing";

const publicPort = Number(process.env.PORT ?? 3000);
const port = Number(process.env.MODELPORT_NEXT_PORT);
const token = Buffer.from(process.env.MODELPORT_DOOR_TOKEN ?? "");

function fromDoor(value: string | string[] | undefined): boolean {
  if (typeof value !== "string" || token.length < 16) return false;
  const presented = Buffer.from(value);
  return presented.length === token.length && timingSafeEqual(presented, token);
}

async function main() {
  const t0 = performance.now();
  if (!Number.isInteger(port) || port <= 0)
    throw new Error("MODELPORT_NEXT_PORT must name the port Next listens on (scripts/start.ts sets it)");
  process.env[PEER_HEADER_ENV] = "1"; // route handlers may believe PEER_HEADER: it is checked below on every request
  // Next hangs its WebSocket upgrade handler (dev-only HMR) on the server of the first request it sees and ends
  // every other upgrade with an empty reply. Given an emitter of its own, it leaves this server alone (the door
  // drops upgrade offers anyway). `port` is the public one: Next fills X-Forwarded-Port with it.
  const app = next({ dev: false, dir: process.cwd(), port: publicPort, httpServer: new EventEmitter() as http.Server });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    if (!fromDoor(req.headers[DOOR_HEADER])) delete req.headers[PEER_HEADER];
    delete req.headers[DOOR_HEADER];
    void handle(req, res);
  });
  // The door keeps its connections here open between requests. Node's client pool closes an idle one a second
  // before the idle time this server announces (Keep-Alive: timeout=65), so it never sends on one being closed.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  console.log(`[next] listening on 127.0.0.1:${port} (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    // Buffered trace spans (when tracing is on, lib/server/tracing.ts) go out before the process does.
    server.close(() => void Promise.allSettled([app.close(), flushRegisteredTracing()]).finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // Started by scripts/start.ts with an IPC channel, which closes when the launcher dies (even by SIGKILL).
  process.on("disconnect", () => {
    console.error("[next] the launcher is gone: stopping");
    shutdown();
  });
}

main().catch((error: Error) => {
  console.error(`[next] start failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
