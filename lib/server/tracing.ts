import { AppError } from "@/lib/server/errors";
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

// OpenTelemetry tracing, off unless an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). Started once per process — by instrumentation.ts in Next's server and by
// gateway/server.ts in the door — which then loads the SDK and the OTLP/HTTP exporter (JSON with
// OTEL_EXPORTER_OTLP_PROTOCOL=http/json, protobuf otherwise) and registers the W3C trace-context propagator.
// Until then, and always when tracing is off, the helpers below cost one boolean test: no span objects, no
// context switches, no `traceparent` header to model servers; only @opentelemetry/api is loaded.
// Spans carry names, ids, figures and status codes, never keys, secrets or payloads.

export const TRACER_NAME = "modelport";
const DEFAULT_SERVICE_NAME = "modelport";

type Provider = { forceFlush(): Promise<void>; shutdown(): Promise<void> };
let provider: Provider | null = null;
let starting: Promise<boolean> | null = null;

/** Is an OTLP traces endpoint configured (and the SDK not disabled by OTEL_SDK_DISABLED=true)? */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  return !!(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** Is this process exporting spans? */
export function tracingActive(): boolean {
  return provider !== null;
}

/**
 * Starts tracing for this process when an endpoint is configured (once; later calls return the first's
 * answer). `processName` ("next", "door") becomes the resource attribute `modelport.process`.
 */
export function startTracing(processName: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!tracingConfigured(env)) return Promise.resolve(false);
  starting ??= load(processName, env);
  return starting;
}

async function load(processName: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const [{ NodeTracerProvider, BatchSpanProcessor }, { resourceFromAttributes }, { W3CTraceContextPropagator }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/core"),
  ]);
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf").trim();
  // Both exporters read the endpoint, headers, timeout and compression from the standard OTEL_EXPORTER_OTLP_* variables.
  const exporter =
    protocol === "http/json"
      ? new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter()
      : new (await import("@opentelemetry/exporter-trace-otlp-proto")).OTLPTraceExporter();
  const tracerProvider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      "service.name": env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME,
      "modelport.process": processName,
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // Global tracer provider, AsyncLocalStorage context manager and the W3C `traceparent`/`tracestate` propagator.
  tracerProvider.register({ propagator: new W3CTraceContextPropagator() });
  provider = tracerProvider;
  return true;
}

/** Sends the spans still buffered (tests; shutdown). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/**
 * Sends the spans buffered by whichever provider this process registered — also one registered by another copy
 * of this module (Next's server bundle has its own; scripts/next-server.ts flushes it on stop).
 */
export async function flushRegisteredTracing(): Promise<void> {
  const registered = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = registered.getDelegate?.() as Partial<Provider> | undefined;
  await delegate?.forceFlush?.();
}

/** Flushes and unregisters: the process is untraced again (tests; a graceful stop). */
export async function stopTracing(): Promise<void> {
  const current = provider;
  provider = null;
  starting = null;
  if (!current) return;
  await current.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

/**
 * Runs `fn` inside a new active span named `name` (a child of the active one), ended when `fn` settles; a throw
 * sets `error.type` to the error's code or type only (its message may quote input) and, unless it is a 4xx
 * refusal, the span's status to ERROR. With tracing off, calls `fn(undefined)` and nothing else.
 */
export function traced<T>(
  name: string,
  fn: (span: Span | undefined) => Promise<T>,
  options: { kind?: SpanKind; attributes?: Attributes } = {},
): Promise<T> {
  if (!provider) return fn(undefined);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      // A refusal (an AppError answered with a 4xx) is the caller's mistake, not a failure of this step.
      if (!(error instanceof AppError && error.status < 500)) span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute("error.type", errorType(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

function errorType(error: unknown): string {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return error instanceof Error ? error.name : "unknown";
}

/**
 * Runs `fn` as part of the caller's trace when the request carries a W3C `traceparent` (and no span is active
 * yet: inside Next's own request span the trace is already continued). With tracing off, just calls `fn`.
 */
export function withIncomingTrace<T>(header: (name: string) => string | string[] | null | undefined, fn: () => T): T {
  if (!provider || trace.getSpan(context.active())) return fn();
  const carrier: Record<string, string> = {};
  for (const name of ["traceparent", "tracestate"]) {
    const value = header(name);
    if (typeof value === "string") carrier[name] = value;
  }
  if (!carrier.traceparent) return fn();
  return context.with(propagation.extract(context.active(), carrier), fn);
}

/** Adds `traceparent` (and `tracestate`) for the active span to an outgoing request's headers; nothing when tracing is off. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (provider) propagation.inject(context.active(), headers);
}

export { SpanKind, SpanStatusCode };
