import "server-only";
import type { NextRequest } from "next/server";
import { getCurrentUser, type SessionUser } from "@/lib/auth/current-user";
import type { KeyCaller } from "@/lib/auth/resolve-api-key";
import { can, type Permission } from "@/lib/auth/roles";
import { AppError, forbidden, unauthenticated } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/read-body";
import { newRequestId } from "@/lib/http/request-id";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";
import { errorResponse } from "@/lib/http/respond";

export type Caller = { kind: "user"; user: SessionUser } | { kind: "key"; key: KeyCaller } | { kind: "anonymous" };

export type ApiContext<P> = { req: NextRequest; params: P; caller: Caller; requestId: string };

type Options = {
  /** "required" (default): 401 without a session or key. "optional": anonymous callers get through. */
  auth?: "required" | "optional";
  /** Role permission a signed-in user needs. */
  permission?: Permission;
  /** Scope an API key needs; omit to refuse API keys on this route. */
  scope?: string;
};

async function resolveCaller(req: NextRequest, options: Options): Promise<Caller> {
  const header = req.headers.get("authorization");
  if (header) return resolveKeyCaller(header, options.scope);
  const user = await getCurrentUser();
  if (user) {
    if (options.permission && !can(user.role, options.permission)) throw forbidden();
    return { kind: "user", user };
  }
  if (options.auth === "optional") return { kind: "anonymous" };
  throw unauthenticated();
}

/**
 * Wraps a route handler: request id, caller resolution (session or bearer key), permission/scope checks,
 * and the one place that turns thrown errors into the public error shape.
 */
export function withApi<P = Record<string, string>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  options: Options = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }) => {
    const requestId = newRequestId();
    try {
      const caller = await resolveCaller(req, options);
      const response = await handler({ req, params: await context.params, caller, requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

/** Parses a JSON body: 400 on malformed JSON, 413 over the limit (checked while the body streams in). */
export async function readJson(req: Request, limitBytes = 1_000_000): Promise<unknown> {
  const text = await readBodyText(req, limitBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("malformed_json", "The request body is not valid JSON.");
  }
}
