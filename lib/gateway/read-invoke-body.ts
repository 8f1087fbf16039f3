import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "@/lib/server/errors";
import { safeJson } from "@/lib/server/safe-input";

export const MAX_INVOKE_BODY_BYTES = Number(process.env.MODELPORT_MAX_INVOKE_BODY ?? 1_000_000);

/**
 * An invoke call's body as it arrives: a Node stream — the door's request itself (gateway/), or the Next route's
 * Fetch body through `Readable.fromWeb` — and the length the client declared in Content-Length (0 when absent).
 */
export type InvokeBody = { stream: Readable; declaredBytes: number };

/** The body of a Fetch request (the Next route handlers). */
export function invokeBodyOf(req: Request): InvokeBody {
  return {
    stream: req.body ? Readable.fromWeb(req.body as WebReadableStream<Uint8Array>) : Readable.from([]),
    declaredBytes: Number(req.headers.get("content-length") ?? 0),
  };
}

/**
 * A Node stream read with plain 'data'/'end' listeners: its async iterator costs several promises and
 * listeners per chunk, a noticeable share of the door's CPU per call. Over the limit it stops reading and
 * leaves the rest unread (destroying the stream would lose the socket before the 413 is written).
 */
function readNodeStream(stream: Readable, limit: number): Promise<{ chunks: Uint8Array[]; bytes: number } | "too_large"> {
  // Already gone (the client hung up while the call was being authorised): no event would ever come.
  if (stream.destroyed) return Promise.reject(stream.errored ?? new Error("Premature close"));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    // Methods, not named arrows: tsx (esbuild keepNames) gives every named arrow a defineProperty call.
    const on = {
      done() {
        stream.off("data", on.data);
        stream.off("end", on.end);
        stream.off("error", on.error);
        stream.off("close", on.close);
      },
      data(chunk: Uint8Array) {
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

function tooLarge(limit: number) {
  return new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
}

/** The invoke body as JSON plus its size: 413 over the limit (checked while streaming), 400 when not JSON. */
export async function readInvokeBody(body: InvokeBody, limit = MAX_INVOKE_BODY_BYTES): Promise<{ input: unknown; bytes: number }> {
  if (body.declaredBytes > limit) throw tooLarge(limit);
  const read = await readNodeStream(body.stream, limit);
  if (read === "too_large") throw tooLarge(limit);
  const { chunks, bytes } = read;
  const text =
    chunks.length === 1
      ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength).toString("utf8")
      : Buffer.concat(chunks).toString("utf8");
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
