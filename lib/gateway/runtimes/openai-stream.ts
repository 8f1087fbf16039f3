import "server-only";
import { AppError } from "@/lib/server/errors";
import { guardedStreamRequest } from "@/lib/server/net/guarded-request";
import { injectTraceHeaders } from "@/lib/server/tracing";
import { openaiUrl } from "@/lib/gateway/runtimes/openai";
import { MAX_UPSTREAM_BYTES, type RuntimeCall, type RuntimeResult } from "@/lib/gateway/runtimes/types";

/** Where a streamed answer goes: opened once the upstream answered 200, written event by event, then ended. */
export type EventSink = {
  open(headers: Record<string, string>): void;
  /** False once the client has gone: the rest is read (for its usage) but no longer sent. */
  write(text: string): boolean;
  end(): void;
};

type Usage = { prompt_tokens?: unknown; completion_tokens?: unknown };
type Chunk = { usage?: Usage | null; choices?: unknown[] };
const count = (n: unknown) => (typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : null);

/**
 * An OpenAI-compatible chat/completions call with `stream: true`: the upstream is asked for its usage in a
 * final chunk (`stream_options.include_usage`), its server-sent events are passed on as they come, and the
 * result (its token usage, the bytes sent) is returned when the upstream's stream ends — also when the
 * client left halfway: the model's tokens were spent all the same, so the rest is read to learn them.
 */
export async function runOpenAiStream(call: RuntimeCall, headers: Record<string, string>, sink: EventSink): Promise<RuntimeResult> {
  const { config, input, requestId } = call;
  if (!config.endpointUrl) throw new AppError("upstream_unavailable", "This version has no endpoint URL.");
  if (config.outputSchema !== null && config.outputSchema !== undefined) {
    throw new AppError(
      "bad_request",
      "This version checks every answer against its output schema, which a streamed answer cannot wait for; send stream: false.",
    );
  }
  const asked = input as Record<string, unknown> & { stream_options?: { include_usage?: unknown } };
  const clientWantsUsage = asked.stream_options?.include_usage === true;
  const payload = {
    ...asked,
    ...(config.upstreamModelName ? { model: config.upstreamModelName } : {}),
    stream: true,
    stream_options: { ...asked.stream_options, include_usage: true },
  };
  const upstreamHeaders: Record<string, string> = {
    "content-type": "application/json",
    accept: "text/event-stream",
    "x-request-id": requestId,
  };
  if (config.secretHeaderName && config.secretHeaderValue)
    upstreamHeaders[config.secretHeaderName.toLowerCase()] = config.secretHeaderValue;
  injectTraceHeaders(upstreamHeaders); // the caller's trace continues at the model server (nothing when tracing is off)
  const started = performance.now();
  const upstream = await guardedStreamRequest(openaiUrl(config.endpointUrl, input), {
    method: "POST",
    headers: upstreamHeaders,
    body: JSON.stringify(payload),
    timeoutMs: config.timeoutMs,
    maxResponseBytes: MAX_UPSTREAM_BYTES,
  });
  if (upstream.status < 200 || upstream.status >= 300) {
    await upstream.read(() => {}).catch(() => {});
    throw new AppError("upstream_error", `The model's server answered with status ${upstream.status}.`, {
      details: { upstreamStatus: upstream.status },
    });
  }
  if (!String(upstream.headers["content-type"] ?? "").startsWith("text/event-stream")) {
    await upstream.read(() => {}).catch(() => {});
    throw new AppError("upstream_error", "The model's server did not stream its answer (no text/event-stream).");
  }

  sink.open({ ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });
  let usage: Usage | null = null;
  let bytesOut = 0;
  let buffered = "";
  const decoder = new TextDecoder();
  const send = (text: string) => {
    if (sink.write(text)) bytesOut += Buffer.byteLength(text);
  };
  const onEvent = (event: string) => {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).replace(/^ /, ""))
      .join("\n");
    if (!data) return;
    if (data !== "[DONE]") {
      let chunk: Chunk | null = null;
      try {
        chunk = JSON.parse(data) as Chunk | null;
      } catch {
        // Not JSON: passed on as it came; the client's SDK decides.
      }
      if (chunk?.usage) {
        usage = chunk.usage;
        // The usage chunk was asked for by the gateway, not the client: it is not passed on unasked.
        if (!clientWantsUsage && Array.isArray(chunk.choices) && chunk.choices.length === 0) return;
      }
    }
    send(`data: ${data}\n\n`);
  };
  let failure: unknown = null;
  try {
    await upstream.read((bytes) => {
      buffered += decoder.decode(bytes, { stream: true });
      let cut: RegExpExecArray | null;
      while ((cut = /\r?\n\r?\n/.exec(buffered))) {
        onEvent(buffered.slice(0, cut.index));
        buffered = buffered.slice(cut.index + cut[0].length);
      }
    });
    if (buffered.trim()) onEvent(buffered);
  } catch (error) {
    failure = error;
    const message = error instanceof AppError ? error.message : "The model's stream broke off.";
    send(
      `data: ${JSON.stringify({ error: { message, type: "server_error", code: error instanceof AppError ? error.code : "upstream_error" } })}\n\n`,
    );
  }
  sink.end();
  if (failure) throw failure;
  const found = usage as Usage | null;
  return {
    output: null,
    upstreamMs: performance.now() - started,
    tokensIn: count(found?.prompt_tokens),
    tokensOut: count(found?.completion_tokens),
    bytesOut,
  };
}
