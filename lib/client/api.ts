// The browser's one way to call the portal's API: the session cookie goes along (same origin), JSON goes
// in and out, and the public error shape {"error":{"code","message","requestId"}} comes back as an
// ApiError whose message is what the person sees. Client components call nothing else that fetches.

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** JSON (an object, array or plain value), a multipart upload (FormData), a form post (URLSearchParams) or a raw file (Blob). */
export type ApiBody = FormData | URLSearchParams | Blob | object | string | number | boolean | null;

/** What came back, whatever the status: for callers that show the status and headers themselves. */
export type ApiResponse = { status: number; ok: boolean; headers: Headers; data: unknown };

type ErrorShape = { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown };

// The browser never sends an API key, so the server's "sign in or send a key" becomes advice for a person.
const SIGNED_OUT = "You are not signed in any more. Sign in again, then retry.";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  /** Machine-readable facts from the server (field issues, a missing checklist), safe to show. */
  readonly details: Record<string, unknown>;
  /** Seconds to wait before retrying (429, 503), from Retry-After. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    details?: Record<string, unknown>;
    retryAfter?: number | null;
  }) {
    // A server fault is worth reporting, and the request id is how it is found in the portal's log.
    super(init.status >= 500 && init.requestId ? `${init.message} (request id ${init.requestId})` : init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details ?? {};
    this.retryAfter = init.retryAfter ?? null;
  }
}

/** The ApiError for a response that is not ok: the public error shape when the body has one. */
export function apiErrorOf(res: ApiResponse): ApiError {
  const shape = ((res.data as { error?: ErrorShape } | null)?.error ?? {}) as ErrorShape;
  const code = typeof shape.code === "string" ? shape.code : "http_error";
  const serverMessage = typeof shape.message === "string" ? shape.message : null;
  const retryAfter = Number(res.headers.get("retry-after"));
  return new ApiError({
    status: res.status,
    code,
    message: res.status === 401 ? SIGNED_OUT : (serverMessage ?? `The request failed (HTTP ${res.status}).`),
    requestId: typeof shape.requestId === "string" ? shape.requestId : res.headers.get("x-request-id"),
    details: typeof shape.details === "object" && shape.details !== null ? (shape.details as Record<string, unknown>) : {},
    retryAfter: retryAfter > 0 ? retryAfter : null,
  });
}

function encode(body: ApiBody | undefined): { body?: BodyInit; headers: Record<string, string> } {
  const headers: Record<string, string> = { accept: "application/json" };
  // FormData and URLSearchParams set their own content type (with the multipart boundary).
  if (body === undefined || body instanceof FormData || body instanceof URLSearchParams) return { body, headers };
  // A file sent as it is (a reference dataset), with its own media type.
  if (typeof Blob !== "undefined" && body instanceof Blob)
    return { body, headers: { ...headers, "content-type": body.type || "application/octet-stream" } };
  return { body: JSON.stringify(body), headers: { ...headers, "content-type": "application/json" } };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Creates the client. `origin` is for tests outside a browser; in the browser paths stay relative, so
 * every call goes to the page's own origin with its cookie (state-changing calls carry the browser's
 * Origin header, which the portal's CSRF check requires).
 */
export function createApiClient(origin = "") {
  /** Sends one request and returns the response whatever its status; only an unreachable portal throws. */
  async function send(
    method: ApiMethod,
    path: string,
    body?: ApiBody,
    init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const encoded = encode(body);
    let res: Response;
    try {
      res = await fetch(`${origin}${path}`, {
        method,
        credentials: "same-origin",
        cache: "no-store",
        signal: init.signal,
        body: encoded.body,
        headers: { ...encoded.headers, ...init.headers },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError({
        status: 0,
        code: "network_error",
        message: "The portal could not be reached. Check your connection and retry.",
      });
    }
    return { status: res.status, ok: res.ok, headers: res.headers, data: await readJson(res) };
  }

  async function call<T>(method: ApiMethod, path: string, body?: ApiBody, init?: { signal?: AbortSignal }): Promise<T> {
    const res = await send(method, path, body, init);
    if (!res.ok) throw apiErrorOf(res);
    return res.data as T;
  }

  return {
    send,
    get: <T>(path: string, init?: { signal?: AbortSignal }) => call<T>("GET", path, undefined, init),
    post: <T>(path: string, body?: ApiBody) => call<T>("POST", path, body),
    put: <T>(path: string, body?: ApiBody) => call<T>("PUT", path, body),
    patch: <T>(path: string, body: ApiBody) => call<T>("PATCH", path, body),
    del: <T = null>(path: string) => call<T>("DELETE", path),
  };
}

export const api = createApiClient();

/** `/api/v1/models/{owner}/{name}` with each part encoded; extra segments are encoded too. */
export function modelPath(slug: string, ...rest: string[]): string {
  const [owner = "", name = ""] = slug.split("/");
  return ["/api/v1/models", owner, name, ...rest].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join("/");
}
