// The one error type of the portal. Domain code throws AppError; lib/http/respond.ts turns it into the
// public shape {"error": {"code", "message", "requestId"}} with the status from this map.

export const ERROR_STATUS = {
  bad_request: 400,
  malformed_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_api_key: 401,
  forbidden: 403,
  self_approval: 403,
  insufficient_scope: 403,
  cross_site_request: 403,
  scope_not_grantable: 403,
  access_not_granted: 403,
  budget_exceeded: 402,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_transition: 409,
  version_not_invocable: 409,
  gone: 410,
  version_retired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  checklist_incomplete: 422,
  schema_validation_failed: 422,
  invalid_semver: 422,
  invalid_artifact: 422,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  egress_blocked: 502,
  upstream_unavailable: 503,
  service_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra machine-readable facts (e.g. the JSON pointer of a schema error); must be safe to show. */
  readonly details?: Record<string, unknown>;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.headers = options.headers;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const forbidden = (message = "You are not allowed to do this.") => new AppError("forbidden", message);
export const unauthenticated = (message = "Sign in or send an API key (Authorization: Bearer <key>).") =>
  new AppError("unauthenticated", message);
