import { AppError } from "@/lib/http/errors";

export const MAX_INVOKE_BODY_BYTES = Number(process.env.MODELPORT_MAX_INVOKE_BODY ?? 1_000_000);

/**
 * What the gateway needs of an incoming request, whatever server received it: a Fetch `Request` (the Next
 * route) fits as is; the lean listener passes Node's IncomingMessage body (an async iterable of chunks).
 */
export type InvokeRequest = {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
};

type ChunkReader = { next(): Promise<Uint8Array | undefined>; cancel(): Promise<void> };

function chunkReader(body: NonNullable<InvokeRequest["body"]>): ChunkReader {
  if ("getReader" in body) {
    const reader = body.getReader();
    return { next: async () => (await reader.read()).value, cancel: () => reader.cancel() };
  }
  const iterator = body[Symbol.asyncIterator]();
  // Not iterator.return(): on a Node request that would destroy the socket before the 413 is written.
  return { next: async () => (await iterator.next()).value as Uint8Array | undefined, cancel: async () => undefined };
}

/** The invoke body as JSON plus its size: 413 over the limit (checked while streaming), 400 when not JSON. */
export async function readInvokeBody(req: InvokeRequest, limit = MAX_INVOKE_BODY_BYTES): Promise<{ input: unknown; bytes: number }> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (req.body) {
    const reader = chunkReader(req.body);
    for (;;) {
      const value = await reader.next();
      if (value === undefined) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = chunks.length === 1 ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength).toString("utf8") : Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("malformed_json", "The request body is empty; send the model's input as JSON.");
  try {
    return { input: JSON.parse(text) as unknown, bytes };
  } catch {
    throw new AppError("malformed_json", "The request body is not valid JSON.");
  }
}
