// The door's answer to `POST /v1/chat/completions` with a key (the OpenAI-compatible door's hot path): the
// same steps as the Next route handler (app/v1/chat/completions/route.ts, declared with defineRoute) —
// request id, key caller counted against its rate limit, the JSON body within the invoke limit, the
// request's zod schema, createChatCompletion (the governed call), OpenAI's error shape — on Node's request,
// without Next's router. lib/openai-compat/openai-door.test.ts runs the official SDK against both.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { MAX_INVOKE_BODY_BYTES, readInvokeBody } from "@/lib/gateway/read-invoke-body";
import { withOpenAiErrors } from "@/lib/http/openai-errors";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";
import { errorResponse } from "@/lib/http/respond";
import { apiSecurityHeaders } from "@/lib/http/security-headers";
import { createChatCompletion } from "@/lib/openai-compat/create-chat-completion";
import { chatCompletionRequest } from "@/lib/openai-compat/schemas";
import { newRequestId } from "@/lib/server/request-id";
import { withIncomingTrace } from "@/lib/server/tracing";
import { safeJson } from "@/lib/server/safe-input";

const PATH = "/v1/chat/completions";
const SECURITY_HEADERS = apiSecurityHeaders();

const completion = withOpenAiErrors(async (req: IncomingMessage, authorization: string): Promise<Response> => {
  const requestId = newRequestId();
  let rateLimit: Record<string, string> = {};
  try {
    const caller = await resolveKeyCaller(authorization, "models:invoke");
    rateLimit = caller.rateLimit;
    const { input, bytes } = await readInvokeBody(
      { stream: req, declaredBytes: Number(req.headers["content-length"] ?? 0) },
      MAX_INVOKE_BODY_BYTES,
    );
    // Like the route's readJson: strings that could not be stored (NUL and the like) are refused with 400.
    const body = chatCompletionRequest.parse(safeJson(input));
    const response = await createChatCompletion({ body, bytes, caller, requestId });
    for (const [name, value] of Object.entries(rateLimit)) if (!response.headers.has(name)) response.headers.set(name, value);
    response.headers.set("x-request-id", requestId);
    return response;
  } catch (error) {
    return errorResponse(error, requestId, rateLimit);
  }
});

/**
 * Answers `POST /v1/chat/completions` carrying an `Authorization` header; returns false for anything else
 * (other methods and paths, browser sessions), which the door forwards to Next.
 */
export function answerOpenAi(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST" || !req.headers.authorization || req.headers.origin) return false;
  const url = req.url ?? "";
  if (url !== PATH && !url.startsWith(`${PATH}?`)) return false;
  // A caller's W3C traceparent makes the call's span its child (when tracing is on: lib/server/tracing.ts).
  withIncomingTrace(
    (name) => req.headers[name],
    () => completion(req, req.headers.authorization!),
  )
    .then((response) => send(req, res, response))
    .catch((error: unknown) => {
      console.error("[door] could not write the OpenAI-compatible answer", error);
      res.destroy();
    });
  return true;
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response) {
  if (res.destroyed) return void (await response.body?.cancel());
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  response.headers.forEach((value, name) => (headers[name] = value));
  // Diagnostics for the benchmarks and tests (off by default): which process answered.
  if (process.env.MODELPORT_EXPOSE_RECORDER === "1") headers["x-modelport-path"] = "door";
  // A body abandoned half-read (413 while streaming) cannot be skipped on a keep-alive connection.
  if (req.readableDidRead && !req.complete) headers.connection = "close";
  if (!response.body || !headers["content-type"]?.startsWith("text/event-stream")) {
    const body = Buffer.from(await response.arrayBuffer());
    if (res.destroyed) return;
    res.writeHead(response.status, { ...headers, "content-length": String(body.byteLength) });
    res.end(body);
    return;
  }
  // Server-sent events go out chunk by chunk; a client that hangs up cancels the stream, and the governed call
  // reads the model's remaining answer for its usage and records the call when it ends.
  res.writeHead(response.status, headers);
  res.flushHeaders();
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res).catch(() => {
    // The client left mid-stream: nothing more to write.
  });
}
