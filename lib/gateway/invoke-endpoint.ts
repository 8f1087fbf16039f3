import "server-only";
import { invokeModel } from "@/lib/gateway/invoke-model";
import type { InvokeRequest } from "@/lib/gateway/read-invoke-body";
import { invokeModelParams, invokeQuery, invokeVersionParams } from "@/lib/gateway/schemas";
import type { Caller } from "@/lib/auth/principal";
import type { ResponseParts } from "@/lib/http/respond";

export type InvokeRoute =
  | { kind: "latest"; params: Record<string, string>; search: URLSearchParams }
  | { kind: "exact"; params: Record<string, string> };

/**
 * The two invoke routes (`…/invoke` and `…/versions/{version}/invoke`) after the caller is known: parse the
 * path and query, then invoke. The Next route handlers and the lean listener both call this, so a call
 * answers the same whichever server received it. Throws (ZodError) for bad params, like any withApi handler.
 */
export function invokeEndpoint(route: InvokeRoute, ctx: { req: InvokeRequest; caller: Caller; requestId: string }): Promise<ResponseParts> {
  // The usual call has plainly valid params and at most `?version=`: checked here without zod's machinery
  // (a visible share of the lean path's CPU). Anything else goes through the schemas, which give the errors.
  const p = route.params;
  if (route.kind === "exact" && p.owner && p.name && p.version) return invokeModel({ ...ctx, owner: p.owner, name: p.name, selector: { exact: p.version } });
  if (route.kind === "latest" && p.owner && p.name && plainQuery(route.search)) {
    return invokeModel({ ...ctx, owner: p.owner, name: p.name, selector: { spec: route.search.get("version") ?? undefined } });
  }
  if (route.kind === "exact") {
    const { owner, name, version } = invokeVersionParams.parse(route.params);
    return invokeModel({ ...ctx, owner, name, selector: { exact: version } });
  }
  const { owner, name } = invokeModelParams.parse(route.params);
  const { version } = invokeQuery.parse(Object.fromEntries(route.search));
  return invokeModel({ ...ctx, owner, name, selector: { spec: version } });
}

/** No query, or only one `version` of at most 100 characters (what invokeQuery accepts, extra keys aside). */
function plainQuery(search: URLSearchParams): boolean {
  if (search.size === 0) return true;
  if (search.size !== 1) return false;
  const version = search.get("version");
  return version !== null && version.length <= 100;
}

/** Response parts → a Fetch Response (for the Next route handlers). */
export function toResponse({ status, headers, body }: ResponseParts): Response {
  return new Response(body, { status, headers });
}
