import "server-only";
import { AppError } from "@/lib/server/errors";
import { guardedRequest } from "@/lib/server/net/guarded-request";
import type { TestConnectionInput } from "@/lib/publishing/schemas";

export type ConnectionReport = {
  ok: boolean;
  reachable: boolean;
  status: number | null;
  latencyMs: number;
  url: string;
  method: string;
  message: string;
};

// The cheapest request each protocol answers without real input: KServe V2 model metadata, the
// OpenAI model list, or an empty JSON body for a generic server (a 4xx still proves it is there).
function probeFor(input: TestConnectionInput): { url: string; method: "GET" | "POST"; body?: string } {
  const url = input.endpointUrl.replace(/\/+$/, "");
  if (input.protocol === "kserve_v2") return { url: url.replace(/\/infer$/, ""), method: "GET" };
  if (input.protocol === "openai")
    return { url: `${url.replace(/\/(chat\/completions|completions|embeddings)$/, "")}/models`, method: "GET" };
  return { url, method: "POST", body: "{}" };
}

/**
 * Calls a model server once and reports status and latency, through the SSRF-guarded client (so a
 * publisher cannot use it to probe internal addresses that are not on the admin allow-list).
 */
export async function testConnection(input: TestConnectionInput): Promise<ConnectionReport> {
  const probe = probeFor(input);
  const headers: Record<string, string> = { accept: "application/json" };
  if (probe.body) headers["content-type"] = "application/json";
  if (input.secretHeaderName && input.secretHeaderValue) headers[input.secretHeaderName] = input.secretHeaderValue;
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const res = await guardedRequest(probe.url, {
      method: probe.method,
      headers,
      body: probe.body,
      timeoutMs: input.timeoutMs,
      maxResponseBytes: 64_000,
    });
    const ok = res.status >= 200 && res.status < 300;
    const message = ok
      ? `Connected: ${probe.method} ${probe.url} answered ${res.status}.`
      : res.status < 500
        ? `The server answered ${res.status}: it is reachable, but check the URL, protocol and secret header.`
        : `The server answered ${res.status}: it is reachable but failing.`;
    return { ok, reachable: true, status: res.status, latencyMs: latency(), url: probe.url, method: probe.method, message };
  } catch (error) {
    const message = error instanceof AppError ? error.message : `Could not connect: ${(error as Error).message}.`;
    return { ok: false, reachable: false, status: null, latencyMs: latency(), url: probe.url, method: probe.method, message };
  }
}
