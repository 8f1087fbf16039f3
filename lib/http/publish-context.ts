import "server-only";
import type { RouteContext } from "@/lib/http/define-route";
import { actorOf } from "@/lib/http/caller-actor";
import { publisherOf, type PublishContext } from "@/lib/publishing/publisher";

/** The publisher behind a publishing call and the actor its writes record. */
export function publishContextOf(ctx: Pick<RouteContext, "caller" | "req" | "requestId">): PublishContext {
  return { publisher: publisherOf(ctx.caller), actor: actorOf(ctx.caller, ctx) };
}
