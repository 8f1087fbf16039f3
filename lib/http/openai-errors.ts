import type { ErrorBody } from "@/lib/http/respond";

// On the OpenAI-compatible door errors keep their status but take OpenAI's shape, which its SDKs read
// ({"error": {"message", "type", "code", "param"}}), plus the portal's requestId (also in X-Request-Id), so
// the body still carries everything of the portal's public error shape.

function typeOf(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** The OpenAI error body for a status and Modelport's code and message. */
export function openAiError(status: number, code: string, message: string, requestId: string) {
  return { error: { message, type: typeOf(status), code, param: null, requestId } };
}

/**
 * Wraps a route handler of the door: whatever error it answers in the portal's shape (the shared wrapper
 * answers 401, 403, 429 and bad bodies before the handler runs) leaves in OpenAI's shape, same status and headers.
 */
export function withOpenAiErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const res = await handler(...args);
    if (res.status < 400 || !res.headers.get("content-type")?.startsWith("application/json")) return res;
    const text = await res.text();
    let body: Partial<ErrorBody> = {};
    try {
      body = JSON.parse(text) as Partial<ErrorBody>;
    } catch {
      // Not the portal's shape: answered as a server error below.
    }
    const code = body.error?.code ?? "internal_error";
    const message = body.error?.message ?? "Something went wrong on our side.";
    const requestId = body.error?.requestId ?? res.headers.get("x-request-id") ?? "";
    return new Response(JSON.stringify(openAiError(res.status, code, message, requestId)), { status: res.status, headers: res.headers });
  };
}

/** The fallback handlers (405, unknown path; lib/http/route-fallbacks.ts) of the door, answering in OpenAI's shape. */
export function inOpenAiShape<T extends Record<string, (req: Request) => Response>>(
  handlers: T,
): { [K in keyof T]: (req: Request) => Promise<Response> } {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [method, withOpenAiErrors(async (req: Request) => handler(req))]),
  ) as {
    [K in keyof T]: (req: Request) => Promise<Response>;
  };
}
