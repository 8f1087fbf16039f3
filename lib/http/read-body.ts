import { AppError } from "@/lib/server/errors";
import { safeJson } from "@/lib/server/safe-input";

export function bodyTooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes.`);
}

/**
 * The request body as text, read chunk by chunk and refused (413) as soon as it passes `limitBytes`, whatever
 * Content-Length says or omits: a chunked body of any size costs at most the limit in memory.
 */
export async function readBodyText(
  req: Request,
  limitBytes: number,
  tooLarge: (limit: number) => AppError = bodyTooLarge,
): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > limitBytes) throw tooLarge(limitBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limitBytes) {
      // Stop reading; what the client still sends is not kept (the answer goes out at once).
      void reader.cancel().catch(() => {});
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, bytes).toString("utf8");
}

/** Parses a JSON body: 400 on malformed JSON, 413 over the limit (checked while the body streams in). */
export async function readJson(req: Request, limitBytes = 1_000_000): Promise<unknown> {
  const text = await readBodyText(req, limitBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("malformed_json", "The request body is not valid JSON.");
  }
  return safeJson(body);
}
