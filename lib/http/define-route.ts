import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { RouteAccess } from "@/lib/auth/permissions";
import { principalOf, type Caller, type Principal } from "@/lib/auth/principal";
import { can } from "@/lib/auth/roles";
import { readJson } from "@/lib/http/read-body";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";
import { errorResponse } from "@/lib/http/respond";
import { checkSameOrigin } from "@/lib/http/same-origin";
import { registerRoute, type RouteSpec } from "@/lib/openapi/registry";
import { forbidden, unauthenticated } from "@/lib/server/errors";
import { newRequestId } from "@/lib/server/request-id";
import { assertStorableRequestText } from "@/lib/server/safe-input";
import { withIncomingTrace } from "@/lib/server/tracing";

type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

/** What a handler is given: the request, the parsed params, query and JSON body, and who is calling. */
export type RouteContext<P = Record<string, string>, Q = undefined, B = undefined> = {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  caller: Caller;
  /** The person behind the call (a key acts for its creator) and what they may do; null when anonymous. */
  principal: Principal | null;
  requestId: string;
};

/** A route declared once: what the OpenAPI document says about it is what the wrapper enforces. */
export type RouteDefinition<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> = Omit<
  RouteSpec,
  "params" | "query" | "body"
> & {
  params?: P;
  query?: Q;
  body?: B;
  /** Largest JSON body accepted, in bytes (413 above it, checked while it streams in). Default 1 MB. */
  bodyLimit?: number;
};

type NextContext = { params: Promise<Record<string, string>> };

async function resolveCaller(req: NextRequest, access: RouteAccess, anonymous: boolean): Promise<Caller> {
  if (access === "public") return { kind: "anonymous" };
  const header = req.headers.get("authorization");
  if (header) return resolveKeyCaller(header, access);
  const user = await getCurrentUser();
  if (user) {
    // A session rides on its cookie, which a browser also sends from other sites' pages. Without one there is
    // nothing to forge, and an anonymous cross-origin call gets the ordinary 401.
    checkSameOrigin(req);
    if (access !== "signed-in" && !can(user.role, access)) throw forbidden();
    return { kind: "user", user };
  }
  if (anonymous) return { kind: "anonymous" };
  throw unauthenticated();
}

/**
 * Declares an API route: registers its OpenAPI entry and returns the Next route handler that enforces it —
 * request id, caller resolution (session or bearer key; a key's call is counted against its rate limit before
 * anything is authorised), the permission check (lib/auth/permissions.ts), the CSRF check for session calls,
 * params, query and JSON body parsed with the declared schemas (400, 413), and the one place that turns thrown
 * errors into the public error shape. Bodies in `requestBodies` are documented only: the handler reads them.
 */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  definition: RouteDefinition<P, Q, B>,
  handler: (ctx: RouteContext<Parsed<P, Record<string, string>>, Parsed<Q, undefined>, Parsed<B, undefined>>) => Promise<Response>,
) {
  const { bodyLimit = 1_000_000, ...spec } = definition;
  registerRoute(spec);
  const handle = async (req: NextRequest, context: NextContext): Promise<Response> => {
    const requestId = newRequestId();
    let rateLimit: Record<string, string> = {};
    try {
      const rawParams = await context.params;
      assertStorableRequestText(rawParams, req.nextUrl.searchParams);
      const caller = await resolveCaller(req, spec.permission, spec.anonymous === true);
      if (caller.kind === "key") rateLimit = caller.rateLimit ?? {};
      const params = spec.params ? spec.params.parse(rawParams) : rawParams;
      const query = spec.query ? spec.query.parse(Object.fromEntries(req.nextUrl.searchParams)) : undefined;
      const body = spec.body ? spec.body.parse(await readJson(req, bodyLimit)) : undefined;
      const response = await handler({
        req,
        params: params as Parsed<P, Record<string, string>>,
        query: query as Parsed<Q, undefined>,
        body: body as Parsed<B, undefined>,
        caller,
        principal: principalOf(caller),
        requestId,
      });
      for (const [name, value] of Object.entries(rateLimit)) if (!response.headers.has(name)) response.headers.set(name, value);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId, rateLimit);
    }
  };
  // A caller's W3C traceparent continues its trace here when Next has not already (lib/server/tracing.ts).
  return (req: NextRequest, context: NextContext) =>
    withIncomingTrace(
      (name) => req.headers.get(name),
      () => handle(req, context),
    );
}
