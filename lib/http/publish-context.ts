import "server-only";
import { actorOf } from "@/lib/http/caller-actor";
import type { ApiContext } from "@/lib/http/handler";
import { publisherOf, type PublishContext } from "@/lib/publishing/publisher";

/** What the publishing routes need: a publish session or key is required; who publishes, and who is audited. */
export const publishAccess = { permission: "models:publish", scope: "publish" } as const;

/** The publisher behind a publishing call and the actor its writes record. */
export function publishContextOf(ctx: ApiContext<unknown>): PublishContext {
  return { publisher: publisherOf(ctx.caller), actor: actorOf(ctx.caller, ctx) };
}
