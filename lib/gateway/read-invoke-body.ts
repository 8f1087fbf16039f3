import { AppError } from "@/lib/http/errors";

export const MAX_INVOKE_BODY_BYTES = Number(process.env.MODELPORT_MAX_INVOKE_BODY ?? 1_000_000);

/** The invoke body as JSON plus its size: 413 over the limit (checked while streaming), 400 when not JSON. */
export async function readInvokeBody(req: Request, limit = MAX_INVOKE_BODY_BYTES): Promise<{ input: unknown; bytes: number }> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("malformed_json", "The request body is empty; send the model's input as JSON.");
  try {
    return { input: JSON.parse(text) as unknown, bytes };
  } catch {
    throw new AppError("malformed_json", "The request body is not valid JSON.");
  }
}
