import { parseServerTiming } from "@/lib/snippets/server-timing";

export type InvokeResult = {
  ok: boolean;
  status: number;
  totalMs: number;
  gatewayMs: number | null;
  upstreamMs: number | null;
  requestId: string | null;
  output?: unknown;
  error?: { code: string; message: string };
  deprecation?: string | null;
};

const PLAIN: Record<number, string> = {
  400: "The input is not valid JSON or is malformed.",
  401: "You are not signed in any more. Sign in again and retry.",
  403: "You are not allowed to call this version.",
  404: "This model or version was not found.",
  410: "This version is retired and can no longer be called.",
  413: "The input is too large.",
  422: "The input does not match the model's input schema.",
  429: "Too many calls right now. Wait a moment and retry.",
  502: "The model server answered with an error.",
  503: "The model server is unavailable.",
  504: "The model took too long to answer.",
};

/** Calls one exact version with the browser session (so the gateway records it with channel "console"). */
export async function runInvoke(model: string, version: string, body: unknown): Promise<InvokeResult> {
  const [owner, name] = model.split("/").map(encodeURIComponent);
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(`/api/v1/models/${owner}/${name}/versions/${encodeURIComponent(version)}/invoke`, {
      method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, totalMs: performance.now() - started, gatewayMs: null, upstreamMs: null, requestId: null, error: { code: "network_error", message: "The portal could not be reached. Check your connection and retry." } };
  }
  const data: unknown = await res.json().catch(() => null);
  const totalMs = performance.now() - started;
  const timing = parseServerTiming(res.headers.get("server-timing"));
  const base = { status: res.status, totalMs, gatewayMs: timing.gateway, upstreamMs: timing.upstream, requestId: res.headers.get("x-request-id"), deprecation: res.headers.get("deprecation") };
  if (res.ok) return { ...base, ok: true, output: (data as { output?: unknown } | null)?.output };
  const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
  return { ...base, ok: false, error: { code: error?.code ?? "http_error", message: error?.message ?? PLAIN[res.status] ?? `The call failed (HTTP ${res.status}).` } };
}

export function plainStatus(status: number): string | undefined {
  return PLAIN[status];
}
