// Plain Fetch Responses (Next's route handlers take them as they are): the gateway door (gateway/) loads this
// module in a process without Next.
import { ZodError } from "zod";
import { AppError } from "@/lib/server/errors";

export type ErrorBody = {
  error: { code: string; message: string; requestId: string; details?: Record<string, unknown> };
};

/** A response as plain parts, for callers that write it without the Fetch API (the gateway door, gateway/). */
export type ResponseParts = { status: number; headers: Record<string, string>; body: string };

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** JSON text; BigInt values (money in micros, counts) are written as numbers when safe, else strings. */
export function stringifyJson(data: unknown): string {
  return JSON.stringify(data, (_key, value: unknown) =>
    typeof value === "bigint" ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value,
  );
}

/** JSON response; BigInt values (money in micros, counts) are written as numbers when safe, else strings. */
export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(stringifyJson(data), {
    status: init.status ?? 200,
    headers: { "content-type": JSON_CONTENT_TYPE, ...init.headers },
  });
}

function zodMessage(error: ZodError): { message: string; details: Record<string, unknown> } {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join(".") : "body";
  return {
    message: `Invalid request: ${where}: ${first?.message ?? "invalid value"}.`,
    details: { issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
  };
}

/** Turns anything thrown into the public error shape. Unknown errors are logged, never shown. */
export function errorResponse(error: unknown, requestId: string, extraHeaders: Record<string, string> = {}) {
  const { status, headers, body } = errorParts(error, requestId, extraHeaders);
  return new Response(body, { status, headers });
}

/** The public error shape as response parts (status, headers incl. content-type and x-request-id, body). */
export function errorParts(error: unknown, requestId: string, extraHeaders: Record<string, string> = {}): ResponseParts {
  let status = 500;
  let body: ErrorBody["error"];
  let headers: Record<string, string> = { "x-request-id": requestId, ...extraHeaders };
  if (error instanceof AppError) {
    status = error.status;
    body = { code: error.code, message: error.message, requestId, ...(error.details ? { details: error.details } : {}) };
    headers = { ...headers, ...error.headers };
  } else if (error instanceof ZodError) {
    status = 400;
    const { message, details } = zodMessage(error);
    body = { code: "validation_failed", message, requestId, details };
  } else {
    console.error(`[${requestId}] unhandled error`, error);
    body = { code: "internal_error", message: "Something went wrong on our side. Quote the request id when reporting it.", requestId };
  }
  return { status, headers: { "content-type": JSON_CONTENT_TYPE, ...headers }, body: stringifyJson({ error: body }) };
}
