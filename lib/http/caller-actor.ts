import type { AuditActor } from "@/lib/audit/record-audit";
import type { Caller } from "@/lib/auth/principal";
import { clientIp } from "@/lib/http/client-ip";

/**
 * Who did it, for the audit trail. Always a person: the signed-in user, or — for a call made with an API
 * key — the person who created the key, with the key's prefix and app in the label. Separation of duties
 * and every "who changed this" question compare these ids.
 */
export function actorOf(caller: Caller, ctx?: { req: { headers: { get(name: string): string | null } }; requestId: string }): AuditActor {
  const base = { ip: ctx ? clientIp(ctx.req.headers) : null, requestId: ctx?.requestId ?? null };
  if (caller.kind === "user") return { id: caller.user.id, label: caller.user.email, ...base };
  if (caller.kind === "key")
    return {
      id: caller.key.creator.id,
      label: `api_key:${caller.key.prefix} (app ${caller.key.appName}, key of ${caller.key.creator.email})`,
      ...base,
    };
  return { id: null, label: "anonymous", ...base };
}
