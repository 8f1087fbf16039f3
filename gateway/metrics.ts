// The door's /metrics: the door answers invoke calls itself, so its counters live in its own process. A scrape
// of GET /metrics on the public port is authorised by Next's route (app/metrics/route.ts: admin session or a
// metrics:read key), which the door asks for the JSON form of Next's metrics; the door merges its own in and
// answers one Prometheus text document for the whole installation. A refusal (401, 403) is passed on as is.
// The unauthenticated metrics listener works the same way: the door's listener merges Next's, which the
// launcher binds to an internal loopback port (MODELPORT_NEXT_METRICS_PORT).
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { DOOR_HEADER, PEER_HEADER } from "@/lib/http/client-ip";
import { errorParts } from "@/lib/http/respond";
import { AppError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { newRequestId } from "@/lib/server/request-id";
import { METRICS_JSON_HEADER, mergeMetrics, metricsAsJson } from "@/lib/server/metrics";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function get(port: number, path: string, headers: http.OutgoingHttpHeaders): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Is this the door's /metrics (GET, exact path)? */
export function isMetricsRequest(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.url ?? "").split("?")[0] === "/metrics";
}

/** Answers GET /metrics on the public port: Next authorises and gives its metrics; the door adds its own. */
export function answerMetrics(req: IncomingMessage, res: ServerResponse, next: { port: number; token: string }): void {
  const headers: http.OutgoingHttpHeaders = { ...req.headers, [METRICS_JSON_HEADER]: "json", [DOOR_HEADER]: next.token };
  headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  for (const name of ["connection", "keep-alive", "accept-encoding", "transfer-encoding", "upgrade"]) delete headers[name];
  get(next.port, "/metrics", headers)
    .then(async (answer) => {
      if (answer.status !== 200 || !String(answer.headers["content-type"]).startsWith("application/json")) {
        const passOn: http.OutgoingHttpHeaders = {};
        for (const name of ["content-type", "x-request-id", "www-authenticate", "ratelimit", "ratelimit-policy", "retry-after"])
          if (answer.headers[name] !== undefined) passOn[name] = answer.headers[name];
        res.writeHead(answer.status, passOn).end(answer.body);
        return;
      }
      const merged = await mergeMetrics([JSON.parse(answer.body) as object[], await metricsAsJson()]);
      const out: http.OutgoingHttpHeaders = { "content-type": merged.contentType, "cache-control": "no-store" };
      if (answer.headers["x-request-id"]) out["x-request-id"] = answer.headers["x-request-id"];
      res.writeHead(200, out).end(merged.body);
    })
    .catch((error: Error) => {
      log().error({ err: error }, "metrics: Next's metrics could not be read");
      if (res.headersSent) return void res.destroy();
      const parts = errorParts(new AppError("service_unavailable", "The metrics could not be read; try again."), newRequestId());
      res.writeHead(parts.status, parts.headers).end(parts.body);
    });
}

/** The door's unauthenticated listener's answer: its metrics and, when Next's internal listener answers, Next's. */
export function mergedWithNext(nextMetricsPort: number | undefined) {
  return async () => {
    const parts = [await metricsAsJson()];
    if (nextMetricsPort) {
      try {
        const answer = await get(nextMetricsPort, "/metrics", { [METRICS_JSON_HEADER]: "json" });
        if (answer.status === 200) parts.unshift(JSON.parse(answer.body) as object[]);
      } catch (error) {
        log().warn({ err: error }, "metrics: Next's metrics listener did not answer; the door's metrics only");
      }
    }
    return mergeMetrics(parts);
  };
}
