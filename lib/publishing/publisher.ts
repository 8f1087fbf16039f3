import type { AuditActor } from "@/lib/audit/record-audit";
import { actingTeamIds, principalOf, principalOfUser, type Caller, type Principal } from "@/lib/auth/principal";
import type { Role } from "@/lib/generated/prisma/enums";
import { forbidden } from "@/lib/server/errors";

/**
 * Who publishes: a signed-in user (into their own teams; an admin anywhere) or an API key (into its app's
 * team only, and only while the key's creator may publish there). Either way a person — the user or the
 * key's creator — is recorded as the version's creator and submitter. Domain functions take this, never a
 * request, so tests and server actions can call them.
 */
export type Publisher =
  | { kind: "user"; userId: string; role: Role; teamIds: string[] }
  | { kind: "key"; keyId: string; teamId: string; userId: string; role: Role; teamIds: string[] };

/** The publisher for a route's principal: 403 unless it holds models:publish (a key: scope ∩ creator's role). */
export function publisherOfPrincipal(principal: Principal | null): Publisher {
  if (!principal) throw forbidden("Sign in or send an API key with the publish scope.");
  if (!principal.permissions.has("models:publish")) {
    throw forbidden(
      principal.key
        ? "The API key may not publish: it needs the publish scope, and its creator the data scientist role."
        : "Publishing needs the data scientist role.",
    );
  }
  if (principal.keyId && principal.key) {
    const teamIds = actingTeamIds(principal);
    if (teamIds.length === 0) throw forbidden("The API key may not publish: its creator no longer belongs to the app's team.");
    return {
      kind: "key",
      keyId: principal.keyId,
      teamId: principal.key.appTeamId,
      userId: principal.userId,
      role: principal.role,
      teamIds,
    };
  }
  return { kind: "user", userId: principal.userId, role: principal.role, teamIds: principal.teamIds };
}

export function publisherOf(caller: Caller): Publisher {
  return publisherOfPrincipal(principalOf(caller));
}

export function canPublishInto(publisher: Publisher, teamId: string): boolean {
  if (publisher.kind === "key") return publisher.teamId === teamId;
  return publisher.role === "admin" || publisher.teamIds.includes(teamId);
}

/** The person to record as creator/submitter: the user, or the key's creator. */
export function publisherUserId(publisher: Publisher): string {
  return publisher.userId;
}

export type PublishContext = { publisher: Publisher; actor: AuditActor };

/** The publisher for a signed-in user (pages and server actions). */
export function publisherOfUser(user: { id: string; email?: string; role: Role; teamIds: string[] }): Publisher {
  return publisherOfPrincipal(principalOfUser({ email: "", ...user }));
}
