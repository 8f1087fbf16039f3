// The gateway door: the public HTTP server of `npm start` (started by scripts/start.ts next to Next's server,
// scripts/next-server.ts). It answers Bearer-key invoke calls and their CORS preflights itself, from lib/gateway
// (gateway/invoke.ts), and Bearer-key OpenAI-compatible chat completions (gateway/openai.ts), and forwards everything else to Next on loopback (gateway/forward.ts). Its own module
// graph holds no Next: run with the `react-server` export condition, under which `import "server-only"` is
// the empty module Next's server bundles also get.
import http from "node:http";
import { z } from "zod";
import { answerInvoke } from "@/gateway/invoke";
import { forwardToNext } from "@/gateway/forward";
import { answerOpenAi } from "@/gateway/openai";
import { answerMetrics, isMetricsRequest, mergedWithNext } from "@/gateway/metrics";
import { metricsListenerSettings, startMetricsServer } from "@/lib/server/metrics-server";
import { startTracing, stopTracing } from "@/lib/server/tracing";
import { listenerReady, stopListener } from "@/lib/server/lookup-cache";
import { parseTrustedProxies } from "@/lib/http/client-ip";
import { rejectMalformedPath } from "@/lib/http/reject-malformed-path";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

const settings = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Where Next's server listens (127.0.0.1 only); scripts/start.ts picks it. */
    MODELPORT_NEXT_PORT: z.coerce.number().int().min(1).max(65535),
    /** Proves to Next's server that a request came through the door (its client address may be believed). */
    MODELPORT_DOOR_TOKEN: z.string().min(16),
    /** "0": invoke and OpenAI-compatible chat calls go through Next's route handlers too (same answers, more CPU; for comparisons). */
    MODELPORT_DOOR_INVOKE: z.enum(["0", "1"]).default("1"),
    MODELPORT_TRUSTED_PROXIES: z.string().optional(),
    /** Next's own metrics listener on loopback, merged into the door's (scripts/start.ts sets it with MODELPORT_METRICS_PORT). */
    MODELPORT_NEXT_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  })
  .parse(process.env);

parseTrustedProxies(settings.MODELPORT_TRUSTED_PROXIES); // a bad list stops the start with its reason
const invoke = settings.MODELPORT_DOOR_INVOKE === "1";
const forward = forwardToNext(
  { port: settings.MODELPORT_NEXT_PORT, token: settings.MODELPORT_DOOR_TOKEN },
  { apiHeaders: apiSecurityHeaders() },
);

// No 'upgrade' listener: Node then ignores upgrade offers (`Upgrade: h2c` from Java's HttpClient or
// `curl --http2`) and answers as HTTP/1.1; forwarding drops them too.
const server = http.createServer((req, res) => {
  if (rejectMalformedPath(req, res)) return;
  if (invoke && (answerInvoke(req, res) || answerOpenAi(req, res))) return;
  if (isMetricsRequest(req)) return answerMetrics(req, res, { port: settings.MODELPORT_NEXT_PORT, token: settings.MODELPORT_DOOR_TOKEN });
  forward(req, res);
});

async function main() {
  // OpenTelemetry, when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set: before the first call is answered.
  await startTracing("door");
  // Cache invalidation must be live before the first cached lookup (until then lookups go to the database).
  if (invoke && !(await listenerReady()))
    console.error("[door] the gateway cache's LISTEN connection is not up yet; lookups bypass the cache until it is");
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(settings.PORT, resolve));
  const metricsListener = metricsListenerSettings();
  if (metricsListener) await startMetricsServer({ ...metricsListener, render: mergedWithNext(settings.MODELPORT_NEXT_METRICS_PORT) });
  const mode = invoke
    ? "answers key-authenticated invoke and /v1/chat/completions calls"
    : "forwards invoke calls too (MODELPORT_DOOR_INVOKE=0)";
  console.log(
    `[door] listening on :${settings.PORT} ${(performance.now() / 1000).toFixed(1)} s after its start; ${mode}; everything else → Next on 127.0.0.1:${settings.MODELPORT_NEXT_PORT}`,
  );
}

let closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  // Stop accepting, let in-flight calls finish (their rows are committed before they answer), then exit.
  // In-flight calls' spans are flushed to the OTLP endpoint too (when tracing is on).
  server.close(() => void Promise.allSettled([stopListener(), stopTracing()]).finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
// Started by scripts/start.ts with an IPC channel, which closes when the launcher dies (even by SIGKILL):
// without its supervisor (and soon without its database) the door stops too.
process.on("disconnect", () => {
  console.error("[door] the launcher is gone: stopping");
  shutdown();
});

main().catch((error: Error) => {
  console.error(`[door] start failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
