import "server-only";
import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { KeyScope, Permission } from "@/lib/auth/permissions";
import { principalOf, type Caller, type Principal } from "@/lib/auth/principal";
import { can } from "@/lib/auth/roles";
import { AppError, forbidden, unauthenticated } from "@/lib/server/errors";
import { readBodyText } from "@/lib/http/read-body";
import { newRequestId } from "@/lib/server/request-id";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";
import { errorResponse } from "@/lib/http/respond";
import { assertStorableRequestText, safeJson } from "@/lib/server/safe-input";
import { checkSameOrigin } from "@/lib/http/same-origin";

export type { Caller, Principal } from "@/lib/auth/principal";

export type ApiContext<P> = {
  req: NextRequest;
  params: P;
  caller: Caller;
  /** The person behind the call (a key acts for its creator) and what they may do; null when anonymous. */
  principal: Principal | null;
  requestId: string;
};

type Options = {
  /** "required" (default): 401 without a session or key. "optional": anonymous callers get through. */
  auth?: "required" | "optional";
  /**
   * Permissions the caller needs, checked once here: a session's role must grant them; a key's scopes ∩ its
   * creator's current role must. Keys are taken when some scope can carry them all (lib/auth/permissions.ts).
   */
  requiredPermissions?: Permission[];
  /** Role permission a signed-in user needs (sessions only; routes written before requiredPermissions). */
  permission?: Permission;
  /** Scope an API key needs (its permissions are required of the key); omit, without requiredPermissions, to refuse keys. */
  scope?: KeyScope;
};

async function resolveCaller(req: NextRequest, options: Options): Promise<Caller> {
  const header = req.headers.get("authorization");
  if (header) return resolveKeyCaller(header, options);
  const user = await getCurrentUser();
  if (user) {
    // A session rides on its cookie, which a browser also sends from other sites' pages. Without one there is
    // nothing to forge, and an anonymous cross-origin call gets the ordinary 401.
    checkSameOrigin(req);
    const needed = [...(options.permission ? [options.permission] : []), ...(options.requiredPermissions ?? [])];
    if (needed.some((p) => !can(user.role, p))) throw forbidden();
    return { kind: "user", user };
  }
  if (options.auth === "optional") return { kind: "anonymous" };
  throw unauthenticated();
}

/**
 * Wraps a route handler: request id, caller resolution (session or bearer key; a key's call is counted
 * against its rate limit before anything is authorised), the principal, permission checks, the CSRF check
 * for session calls, and the one place that turns thrown errors into the public error shape.
 */
export function withApi<P = Record<string, string>>(handler: (ctx: ApiContext<P>) => Promise<Response>, options: Options = {}) {
  return async (req: NextRequest, context: { params: Promise<P> }) => {
    const requestId = newRequestId();
    let rateLimit: Record<string, string> = {};
    try {
      const params = await context.params;
      assertStorableRequestText(params as Record<string, string> | undefined, req.nextUrl.searchParams);
      const caller = await resolveCaller(req, options);
      if (caller.kind === "key") rateLimit = caller.rateLimit ?? {};
      const response = await handler({ req, params, caller, principal: principalOf(caller), requestId });
      for (const [name, value] of Object.entries(rateLimit)) if (!response.headers.has(name)) response.headers.set(name, value);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId, rateLimit);
    }
  };
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
