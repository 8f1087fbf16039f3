import { api, apiErrorOf, ApiError, modelPath, type ApiBody, type ApiResponse } from "@/lib/client/api";
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
  /** Run in the background (202): the prediction to follow. */
  predictionId?: string;
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

/**
 * Calls one exact version with the browser session (so the gateway records it with channel "console");
 * `background` asks for an async prediction (`Prefer: respond-async`, 202) to follow instead of the answer.
 */
export async function runInvoke(model: string, version: string, body: unknown, background = false): Promise<InvokeResult> {
  const started = performance.now();
  let res: ApiResponse;
  try {
    res = await api.send("POST", modelPath(model, "versions", version, "invoke"), body as ApiBody, {
      headers: background ? { prefer: "respond-async" } : {},
    });
  } catch (e) {
    // Only an unreachable portal throws here (ApiError "network_error").
    const error = e instanceof ApiError ? e : new ApiError({ status: 0, code: "network_error", message: String(e) });
    return {
      ok: false,
      status: 0,
      totalMs: performance.now() - started,
      gatewayMs: null,
      upstreamMs: null,
      requestId: null,
      error: { code: error.code, message: error.message },
    };
  }
  const totalMs = performance.now() - started;
  const timing = parseServerTiming(res.headers.get("server-timing"));
  const base = {
    status: res.status,
    totalMs,
    gatewayMs: timing.gateway,
    upstreamMs: timing.upstream,
    requestId: res.headers.get("x-request-id"),
    deprecation: res.headers.get("deprecation"),
  };
  if (res.status === 202) return { ...base, ok: true, predictionId: (res.data as { id: string }).id };
  if (res.ok) return { ...base, ok: true, output: (res.data as { output?: unknown } | null)?.output };
  const error = apiErrorOf(res);
  // An answer without the portal's error shape (a proxy's page) gets the plain words for its status.
  return {
    ...base,
    ok: false,
    error: { code: error.code, message: error.code === "http_error" ? (PLAIN[res.status] ?? error.message) : error.message },
  };
}

export function plainStatus(status: number): string | undefined {
  return PLAIN[status];
}
