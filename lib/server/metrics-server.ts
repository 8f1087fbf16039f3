import http from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "@/lib/server/log";
import { METRICS_JSON_HEADER, metricsAsJson, renderMetrics } from "@/lib/server/metrics";

// The unauthenticated metrics listener: when MODELPORT_METRICS_PORT is set, a tiny HTTP server on that port only
// (bound to MODELPORT_METRICS_HOST, default 127.0.0.1) answers GET /metrics with this process's metrics — for a
// Prometheus on the same host or network segment, without a key. Everything else on it is 404.

export type MetricsServer = { port: number; close: () => Promise<void> };

/** `render`: what GET /metrics answers (default this process's metrics; the gateway door merges in Next's). */
export async function startMetricsServer(options: {
  port: number;
  host?: string;
  render?: () => Promise<{ contentType: string; body: string }>;
}): Promise<MetricsServer> {
  const render = options.render ?? renderMetrics;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || (path !== "/metrics" && path !== "/")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found: GET /metrics\n");
      return;
    }
    const asJson = req.headers[METRICS_JSON_HEADER] === "json";
    (asJson ? metricsAsJson().then((m) => ({ contentType: "application/json", body: JSON.stringify(m) })) : render())
      .then(({ contentType, body }) => res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body))
      .catch((error: Error) => {
        log().error({ err: error }, "metrics scrape failed");
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("The metrics could not be read.\n");
      });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  log().info({ port, host: options.host ?? "127.0.0.1" }, "metrics listener started (GET /metrics, no authentication)");
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The port and host MODELPORT_METRICS_PORT / MODELPORT_METRICS_HOST ask for, or null when unset. */
export function metricsListenerSettings(env: NodeJS.ProcessEnv = process.env): { port: number; host: string } | null {
  const raw = env.MODELPORT_METRICS_PORT?.trim();
  if (!raw) return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`MODELPORT_METRICS_PORT must be a port number, not "${raw}"`);
  return { port, host: env.MODELPORT_METRICS_HOST?.trim() || "127.0.0.1" };
}
