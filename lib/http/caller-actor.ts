import type { AuditActor } from "@/lib/audit/record-audit";
import { clientIp } from "@/lib/http/client-ip";
import type { ApiContext, Caller } from "@/lib/http/handler";

/** Who did it, for the audit trail: the signed-in user, or the API key (by its public prefix). */
export function actorOf(caller: Caller, ctx?: Pick<ApiContext<unknown>, "req" | "requestId">): AuditActor {
  const ip = ctx ? clientIp(ctx.req.headers) : null;
  const base = { ip, requestId: ctx?.requestId ?? null };
  if (caller.kind === "user") return { id: caller.user.id, label: caller.user.email, ...base };
  if (caller.kind === "key") return { id: null, label: `api_key:${caller.key.prefix}`, ...base };
  return { id: null, label: "anonymous", ...base };
}
