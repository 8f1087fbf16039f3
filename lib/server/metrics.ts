import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, register, type Registry } from "prom-client";

// The process's Prometheus metrics (prom-client). One registry per process — prom-client's own, which every
// module graph of the process shares (Next may load instrumentation and route handlers in separate graphs;
// prom-client is a server-external package, loaded once by Node). Each metric is created once and found again
// by name, so a second module graph (next dev reloads, a test's vi.resetModules) counts into the same one.
// The hot path only increments a counter and observes a histogram; state (backlogs, pools, sessions, lag) is
// read at scrape time by gauges' collect() callbacks registered with `gaugeAtScrape`.

export const metricsRegistry: Registry = register;

/** A metric created once per process and found again by name (see above); for metrics declared outside this file too. */
export function once<T>(name: string, create: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? create();
}

// The process's own figures every Node exporter gives (CPU, memory, heap, event-loop delay, handles), once.
if (!metricsRegistry.getSingleMetric("process_cpu_user_seconds_total")) collectDefaultMetrics({ register: metricsRegistry });

/** Gateway calls, by model (owner/name), version, channel and status class (2xx, 4xx, 5xx). */
export const gatewayRequests = once(
  "modelport_gateway_requests_total",
  () =>
    new Counter({
      name: "modelport_gateway_requests_total",
      help: "Governed calls answered, by model, version, channel and status class.",
      labelNames: ["model", "version", "channel", "status_class"] as const,
    }),
);

/** Gateway calls answered with an error, by the error's code. */
export const gatewayErrors = once(
  "modelport_gateway_errors_total",
  () =>
    new Counter({
      name: "modelport_gateway_errors_total",
      help: "Governed calls answered with an error (4xx or 5xx), by model, version, channel and error code.",
      labelNames: ["model", "version", "channel", "code"] as const,
    }),
);

/** Whole call time (gateway and upstream, until the answer is ready), by model, version and channel. */
export const gatewayDuration = once(
  "modelport_gateway_request_duration_seconds",
  () =>
    new Histogram({
      name: "modelport_gateway_request_duration_seconds",
      help: "Time from a governed call's arrival to its answer (recorded), in seconds.",
      labelNames: ["model", "version", "channel"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
);

/** The usage recorder's group commits: how long one batch statement took. */
export const recorderCommitSeconds = once(
  "modelport_recorder_commit_duration_seconds",
  () =>
    new Histogram({
      name: "modelport_recorder_commit_duration_seconds",
      help: "Time one group commit of recorded calls took, in seconds.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
);

/** Background job runs, by job and outcome (ok, failed, skipped: another node held its lock). */
export const jobRuns = once(
  "modelport_job_runs_total",
  () =>
    new Counter({
      name: "modelport_job_runs_total",
      help: "Background job runs in this process, by job and outcome (ok, failed, skipped).",
      labelNames: ["job", "outcome"] as const,
    }),
);

/** Background job failures, by job (also counted in modelport_job_runs_total{outcome="failed"}). */
export const jobFailures = once(
  "modelport_job_failures_total",
  () =>
    new Counter({
      name: "modelport_job_failures_total",
      help: "Background job runs that failed, by job.",
      labelNames: ["job"] as const,
    }),
);

/** Background job run time, by job. */
export const jobDuration = once(
  "modelport_job_duration_seconds",
  () =>
    new Histogram({
      name: "modelport_job_duration_seconds",
      help: "Time one background job run took, in seconds.",
      labelNames: ["job"] as const,
      buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30, 120],
    }),
);

type Sample = { labels?: Record<string, string>; value: number };

/**
 * A gauge whose value is read when it is scraped: `read` returns the current value(s). Registered again with
 * the same name (a reloaded module graph), the newest reader wins, so it reads the state that is live now.
 */
export function gaugeAtScrape(
  name: string,
  help: string,
  read: () => number | Sample[] | Promise<number | Sample[]>,
  labelNames: readonly string[] = [],
): void {
  metricsRegistry.removeSingleMetric(name);
  new Gauge({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      // A reading that fails (the database is away) shows as NaN instead of failing the whole scrape.
      const value = await Promise.resolve()
        .then(read)
        .catch(() => Number.NaN);
      if (typeof value === "number") this.set(value);
      else for (const s of value) this.set(s.labels ?? {}, s.value);
    },
  });
}

/** "2xx", "4xx", "5xx" for an HTTP status. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** The Prometheus text exposition of this process's metrics, and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

/** Asks for the JSON form of the metrics (prom-client's), which another process can merge with its own. */
export const METRICS_JSON_HEADER = "x-modelport-metrics-format";

/** This process's metrics in prom-client's JSON form. */
export function metricsAsJson(): Promise<object[]> {
  return metricsRegistry.getMetricsAsJSON();
}

/** Several processes' metrics (JSON form) as one text exposition: counters and histograms added, gauges summed. */
export async function mergeMetrics(parts: object[][]): Promise<{ contentType: string; body: string }> {
  const merged = AggregatorRegistry.aggregate(parts);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
