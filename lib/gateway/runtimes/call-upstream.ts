import "server-only";
import type { VersionConfig } from "@/lib/gateway/load-version-config";
import { AppError } from "@/lib/server/errors";
import { guardedRequest } from "@/lib/server/net/guarded-request";
import { MAX_UPSTREAM_BYTES } from "@/lib/gateway/runtimes/types";
import { injectTraceHeaders, SpanKind, SpanStatusCode, traced, tracingActive } from "@/lib/server/tracing";

/** The upstream span's attributes: method, host and port only (never the path or query, which may hold tokens). */
function upstreamAttributes(url: string): Record<string, string | number> | undefined {
  if (!tracingActive()) return undefined;
  try {
    const u = new URL(url);
    return {
      "http.request.method": "POST",
      "server.address": u.hostname,
      "server.port": Number(u.port || (u.protocol === "https:" ? 443 : 80)),
    };
  } catch {
    return { "http.request.method": "POST" };
  }
}

/**
 * POSTs JSON to a model server through the SSRF-guarded pooled client and returns the parsed JSON answer.
 * Non-2xx answers and bodies that are not JSON become 502; the upstream's body is never passed through.
 */
export async function postJson(
  config: VersionConfig,
  url: string,
  payload: unknown,
  requestId: string,
): Promise<{ body: unknown; upstreamMs: number }> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", "x-request-id": requestId };
  if (config.secretHeaderName && config.secretHeaderValue) headers[config.secretHeaderName.toLowerCase()] = config.secretHeaderValue;
  const started = performance.now();
  // With tracing on: a client span for the upstream call, whose W3C traceparent the model server receives.
  const res = await traced(
    "gateway.upstream",
    async (span) => {
      injectTraceHeaders(headers);
      const answer = await guardedRequest(url, {
        method: "POST",
        headers,
        body: JSON.stringify(payload),
        timeoutMs: config.timeoutMs,
        maxResponseBytes: MAX_UPSTREAM_BYTES,
      });
      span?.setAttribute("http.response.status_code", answer.status);
      if (span && answer.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      return answer;
    },
    { kind: SpanKind.CLIENT, attributes: upstreamAttributes(url) },
  );
  const upstreamMs = performance.now() - started;
  if (res.status < 200 || res.status >= 300) {
    throw new AppError("upstream_error", `The model's server answered with status ${res.status}.`, {
      details: { upstreamStatus: res.status },
    });
  }
  try {
    return { body: JSON.parse(res.body.toString("utf8")) as unknown, upstreamMs };
  } catch {
    throw new AppError("upstream_error", "The model's server answered with something that is not JSON.");
  }
}
