import "server-only";
import { invokeModel } from "@/lib/gateway/invoke-model";
import { toResponse } from "@/lib/gateway/invoke-endpoint";
import { runOpenAi } from "@/lib/gateway/runtimes/openai";
import { runOpenAiStream, type EventSink } from "@/lib/gateway/runtimes/openai-stream";
import type { RuntimeCall } from "@/lib/gateway/runtimes/types";
import { invokeFor, onlyOpenAi, type DoorCall } from "@/lib/openai-compat/door-call";

/**
 * POST /v1/chat/completions through the governed call. With `stream: true` the answer is a stream of
 * server-sent events that starts once the model's server answered; the call is recorded when that stream
 * ends. Anything refused before (key, access, rate limit, input, upstream status) answers as an error.
 */
export async function createChatCompletion(call: DoorCall): Promise<Response> {
  const { model: _model, stream_options: streamOptions, ...rest } = call.body;
  if (!call.body.stream) {
    const parts = await invokeModel({ ...invokeFor(call, rest), run: onlyOpenAi(runOpenAi), render: (output) => JSON.stringify(output) });
    return toResponse(parts);
  }
  const input = { ...rest, ...(streamOptions ? { stream_options: streamOptions } : {}) };
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let gone = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    // The client hung up: the runtime reads the rest for its usage and records the call when it ends.
    cancel: () => {
      gone = true;
    },
  });
  let opened!: (response: Response) => void;
  const whenOpened = new Promise<Response>((resolve) => (opened = resolve));
  const sink: EventSink = {
    open: (headers) => opened(new Response(body, { status: 200, headers })),
    write: (text) => {
      if (gone) return false;
      try {
        controller.enqueue(encoder.encode(text));
        return true;
      } catch {
        gone = true;
        return false;
      }
    },
    end: () => {
      if (!gone) controller.close();
    },
  };
  const finished = invokeModel({
    ...invokeFor(call, input),
    run: onlyOpenAi((c: RuntimeCall, headers: Record<string, string>) => runOpenAiStream(c, headers, sink)),
    render: () => "",
  });
  const first = await Promise.race([whenOpened, finished]);
  if (first instanceof Response) {
    // The answer has gone out; a break after that (or a record that failed) is only told to the log.
    finished.then(
      (parts) => {
        if (parts.status >= 400) console.error(`[${call.requestId}] streamed call ended with ${parts.status}: ${parts.body}`);
      },
      (error: unknown) => console.error(`[${call.requestId}] streamed call failed after it started`, error),
    );
    return first;
  }
  return toResponse(first);
}
