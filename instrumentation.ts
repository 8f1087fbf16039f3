// Next.js start-up hook: Next calls register() once per server process, for `npm start` and `npm run dev`
// alike. Starts the background jobs (lib/jobs/background-jobs.ts: sunset retirement, webhook delivery, the
// roll-up fold, partition upkeep, the usage refresh) and, when MODELPORT_METRICS_PORT is set, the
// unauthenticated metrics listener (lib/server/metrics-server.ts), and, when an OTLP endpoint is configured,
// OpenTelemetry tracing (lib/server/tracing.ts), in the Node.js runtime only, never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // OpenTelemetry first (off unless OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set), so every later span is exported.
  const { startTracing } = await import("@/lib/server/tracing");
  await startTracing("next");
  const { startBackgroundJobs } = await import("@/lib/jobs/background-jobs");
  startBackgroundJobs();
  const { metricsListenerSettings, startMetricsServer } = await import("@/lib/server/metrics-server");
  const listener = metricsListenerSettings();
  if (listener) await startMetricsServer(listener);
}
