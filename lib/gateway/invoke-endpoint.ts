import "server-only";
import { invokeModel, type InvokeInput } from "@/lib/gateway/invoke-model";
import type { InvokeBody } from "@/lib/gateway/read-invoke-body";
import { invokeModelParams, invokeQuery, invokeVersionParams } from "@/lib/gateway/schemas";
import type { Caller } from "@/lib/auth/principal";
import type { ResponseParts } from "@/lib/http/respond";

export type InvokeRoute =
  { kind: "latest"; params: Record<string, string>; search: URLSearchParams } | { kind: "exact"; params: Record<string, string> };

/**
 * The two invoke routes (`…/invoke` and `…/versions/{version}/invoke`) after the caller is known: parse the
 * path and query with their schemas, then invoke. The Next route handlers and the gateway door (gateway/) both
 * call this, so a call answers the same whichever received it. Throws (ZodError) for bad params, as the Next
 * route's wrapper (defineRoute) does with the same schemas.
 */
export function invokeEndpoint(
  route: InvokeRoute,
  ctx: { body: InvokeBody; caller: Caller; requestId: string; defer?: InvokeInput["defer"] },
): Promise<ResponseParts> {
  if (route.kind === "exact") {
    const { owner, name, version } = invokeVersionParams.parse(route.params);
    return invokeModel({ ...ctx, owner, name, selector: { exact: version } });
  }
  const { owner, name } = invokeModelParams.parse(route.params);
  const { version } = invokeQuery.parse(Object.fromEntries(route.search));
  return invokeModel({ ...ctx, owner, name, selector: { spec: version } });
}

/** Response parts → a Fetch Response (for the Next route handlers). */
export function toResponse({ status, headers, body }: ResponseParts): Response {
  return new Response(body, { status, headers });
}
