import "server-only";
import { invokeModel } from "@/lib/gateway/invoke-model";
import { toResponse } from "@/lib/gateway/invoke-endpoint";
import { runOpenAi, runOpenAiEmbeddings, speaksOpenAi } from "@/lib/gateway/runtimes/openai";
import { runOpenAiStream, type EventSink } from "@/lib/gateway/runtimes/openai-stream";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";
import type { Caller } from "@/lib/auth/principal";
import { AppError } from "@/lib/server/errors";
import { parseModelRef } from "@/lib/openai-compat/parse-model-ref";

type DoorCall = { body: { model: string } & Record<string, unknown>; bytes: number; caller: Caller; requestId: string };

/** The door only reaches versions that speak OpenAI's protocol; the others have their own invoke route. */
function onlyOpenAi<A extends unknown[]>(run: (call: RuntimeCall, ...rest: A) => Promise<RuntimeResult>) {
  return (call: RuntimeCall, ...rest: A) => {
    if (!speaksOpenAi(call.config)) {
      throw new AppError(
        "bad_request",
        "This model version is not an OpenAI-compatible LLM; call it with POST /api/v1/models/{owner}/{name}/invoke.",
      );
    }
    return run(call, ...rest);
  };
}

/** The governed call (lib/gateway/invoke-model.ts) for a door request: the model's name comes from the body. */
function invokeFor({ body, bytes, caller, requestId }: DoorCall, input: Record<string, unknown>) {
  const { owner, name, selector } = parseModelRef(body.model);
  return { body: { input, bytes }, caller, requestId, owner, name, selector, channel: "openai" as const };
}

/** POST /v1/embeddings through the governed call. */
export async function createEmbeddings(call: DoorCall): Promise<Response> {
  const { model: _model, ...input } = call.body;
  const parts = await invokeModel({
    ...invokeFor(call, input),
    run: onlyOpenAi(runOpenAiEmbeddings),
    render: (output) => JSON.stringify(output),
  });
  return toResponse(parts);
}

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
    finished.catch((error: unknown) => console.error(`[${call.requestId}] streamed call failed after it started`, error));
    return first;
  }
  return toResponse(first);
}
