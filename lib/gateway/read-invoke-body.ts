import { Readable } from "node:stream";
import { AppError } from "@/lib/http/errors";
import { safeJson } from "@/lib/http/safe-input";

export const MAX_INVOKE_BODY_BYTES = Number(process.env.MODELPORT_MAX_INVOKE_BODY ?? 1_000_000);

/**
 * What the gateway needs of an incoming request, whatever server received it: a Fetch `Request` (the Next
 * route) fits as is; the lean listener passes Node's IncomingMessage (a Readable).
 */
export type InvokeRequest = {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | Readable | AsyncIterable<Uint8Array> | null;
};

type ChunkReader = { next(): Promise<Uint8Array | undefined>; cancel(): Promise<void> };

/**
 * A Node stream read with plain 'data'/'end' listeners: its async iterator costs several promises and
 * listeners per chunk, a noticeable share of the lean path's CPU. Over the limit it stops reading and
 * leaves the rest unread (destroying the stream would lose the socket before the 413 is written).
 */
function readNodeStream(stream: Readable, limit: number): Promise<{ chunks: Buffer[]; bytes: number } | "too_large"> {
  // Already gone (the client hung up while the call was being authorised): no event would ever come.
  if (stream.destroyed) return Promise.reject(stream.errored ?? new Error("Premature close"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    // Methods, not named arrows: tsx (esbuild keepNames) gives every named arrow a defineProperty call.
    const on = {
      done() {
        stream.off("data", on.data);
        stream.off("end", on.end);
        stream.off("error", on.error);
        stream.off("close", on.close);
      },
      data(chunk: Buffer) {
        bytes += chunk.byteLength;
        if (bytes > limit) {
          on.done();
          stream.pause();
          resolve("too_large");
          return;
        }
        chunks.push(chunk);
      },
      end() {
        on.done();
        resolve({ chunks, bytes });
      },
      error(error: Error) {
        on.done();
        reject(error);
      },
      close() {
        on.done();
        reject(new Error("Premature close"));
      },
    };
    stream.on("data", on.data);
    stream.on("end", on.end);
    stream.on("error", on.error);
    stream.on("close", on.close);
  });
}

function chunkReader(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): ChunkReader {
  if ("getReader" in body) {
    const reader = body.getReader();
    return { next: async () => (await reader.read()).value, cancel: () => reader.cancel() };
  }
  const iterator = body[Symbol.asyncIterator]();
  // Not iterator.return(): on a Node request that would destroy the socket before the 413 is written.
  return { next: async () => (await iterator.next()).value as Uint8Array | undefined, cancel: async () => undefined };
}

function tooLarge(limit: number) {
  return new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
}

/** The invoke body as JSON plus its size: 413 over the limit (checked while streaming), 400 when not JSON. */
export async function readInvokeBody(req: InvokeRequest, limit = MAX_INVOKE_BODY_BYTES): Promise<{ input: unknown; bytes: number }> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge(limit);
  let chunks: Uint8Array[] = [];
  let bytes = 0;
  if (req.body instanceof Readable) {
    const read = await readNodeStream(req.body, limit);
    if (read === "too_large") throw tooLarge(limit);
    ({ chunks, bytes } = read);
  } else if (req.body) {
    const reader = chunkReader(req.body);
    for (;;) {
      const value = await reader.next();
      if (value === undefined) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        await reader.cancel();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = chunks.length === 1 ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength).toString("utf8") : Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("malformed_json", "The request body is empty; send the model's input as JSON.");
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new AppError("malformed_json", "The request body is not valid JSON.");
  }
  // Nesting is bounded before anything recursive (schema validation, JSON.stringify to the model) sees it;
  // the input is not stored, so its text is passed on as sent.
  return { input: safeJson(input, { text: false }), bytes };
}
