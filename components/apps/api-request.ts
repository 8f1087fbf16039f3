// Browser-side calls to the portal's own API with the session cookie; errors come back in the public
// shape, and their message is what the user sees.

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function apiRequest<T>(path: string, init: { method: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init.method,
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiRequestError(res.status, error?.code ?? "http_error", error?.message ?? `The request failed (HTTP ${res.status}).`);
  }
  return data as T;
}
