import "server-only";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { readJson } from "@/lib/http/read-body";
import { assertStorableText, safeJson } from "@/lib/server/safe-input";
import type { AddVersionInput } from "@/lib/publishing/add-version";
import { httpVersionInput, onnxVersionFields } from "@/lib/publishing/schemas";

/** Largest accepted artifact, in bytes (MODELPORT_MAX_ARTIFACT_BYTES, default 100 MB). */
export function maxArtifactBytes(): number {
  return env().MODELPORT_MAX_ARTIFACT_BYTES;
}

function tooLarge(limit: number) {
  return new AppError(
    "payload_too_large",
    `The file is larger than the ${Math.round((limit / 1024 / 1024) * 10) / 10} MB limit (${limit} bytes).`,
    { details: { field: "file", limit } },
  );
}

function parseJsonField(form: FormData, field: string): unknown {
  const raw = form.get(field);
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError("malformed_json", `The ${field} field is not valid JSON.`, { details: { field } });
  }
  return safeJson(value, { where: field });
}

/** The body as FormData, reading at most `max` bytes whatever Content-Length claims (or omits). */
async function boundedFormData(req: Request, max: number, limit: number): Promise<FormData> {
  if (Number(req.headers.get("content-length") ?? 0) > max) throw tooLarge(limit);
  let seen = 0;
  const counted = req.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  try {
    return await new Request(req.url, { method: "POST", headers: req.headers, body: counted, duplex: "half" } as RequestInit).formData();
  } catch {
    if (seen > max) throw tooLarge(limit);
    throw new AppError("bad_request", "The multipart body could not be read.");
  }
}

async function readForm(req: Request): Promise<{ form: FormData; file: Blob }> {
  const limit = maxArtifactBytes();
  // The other form fields get 1 MB of room on top of the file.
  const form = await boundedFormData(req, limit + 1_000_000, limit);
  const file = form.get("file");
  if (!(file instanceof Blob))
    throw new AppError("validation_failed", 'Attach the .onnx file in the "file" field.', { details: { field: "file" } });
  if (file.size > limit) throw tooLarge(limit);
  if (file.size === 0) throw new AppError("invalid_artifact", "The uploaded file is empty.", { details: { field: "file" } });
  return { form, file };
}

const fileName = (file: Blob) => ("name" in file && typeof file.name === "string" ? file.name : "upload");

/** Just the .onnx file of a multipart body (the inspection route), within the same size limit. */
export async function readOnnxUpload(req: Request): Promise<{ name: string; bytes: Uint8Array }> {
  if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("unsupported_media_type", 'Send multipart/form-data with the .onnx file in the "file" field.');
  }
  const { file } = await readForm(req);
  return { name: fileName(file), bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function readMultipart(req: Request): Promise<AddVersionInput> {
  const { form, file } = await readForm(req);
  const text = (f: string) => (typeof form.get(f) === "string" ? assertStorableText(form.get(f) as string, `The field ${f}`) : undefined);
  const fields = onnxVersionFields.parse({
    version: text("version"),
    changelog: text("changelog"),
    runtime: text("runtime") || undefined,
    exampleInput: parseJsonField(form, "exampleInput"),
    costModel: parseJsonField(form, "costModel"),
    timeoutMs: text("timeoutMs") ? Number(text("timeoutMs")) : undefined,
  });
  return { runtime: "onnx", fields, file: { name: fileName(file), bytes: new Uint8Array(await file.arrayBuffer()) } };
}

/** A version request: multipart with the .onnx file, or JSON for the http/openai runtimes. */
export async function readVersionRequest(req: Request): Promise<AddVersionInput> {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) return readMultipart(req);
  if (!type.includes("json")) {
    throw new AppError(
      "unsupported_media_type",
      "Send JSON (http/openai runtimes) or multipart/form-data with the .onnx file (onnx runtime).",
    );
  }
  const body = await readJson(req);
  if (body && typeof body === "object" && (body as { runtime?: unknown }).runtime === "onnx") {
    throw new AppError(
      "unsupported_media_type",
      'ONNX versions are uploaded as multipart/form-data with the .onnx file in the "file" field.',
    );
  }
  return { runtime: "http", body: httpVersionInput.parse(body) };
}
