import type { RouteSpec } from "@/lib/openapi/registry";
import { oipErrorBody } from "@/lib/oip/schemas";

// On the Open Inference Protocol door errors keep the portal's status and headers (the request id stays in
// X-Request-Id) but take the protocol's form {"error": "<message>"}, which its clients read.

async function inOipShape(res: Response): Promise<Response> {
  if (res.status < 400 || !res.headers.get("content-type")?.startsWith("application/json")) return res;
  let message = "Something went wrong on our side.";
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") message = body.error.message;
  } catch {
    // Not the portal's shape: the generic message.
  }
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify({ error: message }), { status: res.status, headers });
}

/** Wraps a route handler of the door: whatever it (or the shared wrapper before it) answers as an error leaves in the protocol's form. */
export function withOipErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => inOipShape(await handler(...args));
}

/** The fallback handlers (405; lib/http/route-fallbacks.ts) of the door, in the protocol's form. */
export function inOipErrorShape<T extends Record<string, (req: Request) => Response>>(
  handlers: T,
): { [K in keyof T]: (req: Request) => Promise<Response> } {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [method, withOipErrors(async (req: Request) => handler(req))]),
  ) as { [K in keyof T]: (req: Request) => Promise<Response> };
}

const e = (description: string) => ({ description, schema: oipErrorBody });

/** The door's error answers, for its OpenAPI entries. */
export const oipErrors: RouteSpec["responses"] = {
  400: e("Malformed request, a tensor whose data does not fill its shape or datatype, or not a tensor model"),
  401: e("No or invalid API key"),
  403: e("Not allowed: key scope or model allow-list, or a gated model without a grant"),
  404: e("Model or version not found"),
  409: e("The version is not approved"),
  410: e("The version is retired"),
  413: e("Request body too large"),
  422: e("Input does not match the version's input schema or tensor shape"),
  429: { ...e("Rate limited: wait Retry-After seconds"), headers: ["Retry-After", "RateLimit-Policy", "RateLimit"] },
  502: e("The model's server failed or answered garbage"),
  503: e("The model's server is unreachable, or the call could not be recorded"),
  504: e("The model did not answer in time"),
};

export const oipReadErrors: RouteSpec["responses"] = {
  401: oipErrors[401],
  403: oipErrors[403],
  404: oipErrors[404],
  409: oipErrors[409],
  410: oipErrors[410],
  429: oipErrors[429],
};
