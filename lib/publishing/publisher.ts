import type { AuditActor } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import { forbidden } from "@/lib/http/errors";
import type { Caller } from "@/lib/http/handler";

/**
 * Who publishes: a signed-in user (into their own teams; an admin anywhere) or an API key (into its app's
 * team only). Domain functions take this, never a request, so tests and server actions can call them.
 */
export type Publisher =
  | { kind: "user"; userId: string; role: Role; teamIds: string[] }
  | { kind: "key"; keyId: string; teamId: string };

export function publisherOf(caller: Caller): Publisher {
  if (caller.kind === "user") {
    if (!can(caller.user.role, "models:publish")) throw forbidden("Publishing needs the data scientist role.");
    return { kind: "user", userId: caller.user.id, role: caller.user.role, teamIds: caller.user.teamIds };
  }
  if (caller.kind === "key") {
    if (!caller.key.scopes.includes("publish")) throw forbidden('The API key lacks the "publish" scope.');
    return { kind: "key", keyId: caller.key.keyId, teamId: caller.key.teamId };
  }
  throw forbidden("Sign in or send an API key with the publish scope.");
}

export function canPublishInto(publisher: Publisher, teamId: string): boolean {
  if (publisher.kind === "key") return publisher.teamId === teamId;
  return publisher.role === "admin" || publisher.teamIds.includes(teamId);
}

/** The user id to record as creator/submitter (keys act for no particular person). */
export function publisherUserId(publisher: Publisher): string | null {
  return publisher.kind === "user" ? publisher.userId : null;
}

export type PublishContext = { publisher: Publisher; actor: AuditActor };

/** The publisher for a signed-in user (pages and server actions). */
export function publisherOfUser(user: { id: string; role: Role; teamIds: string[] }): Publisher {
  if (!can(user.role, "models:publish")) throw forbidden("Publishing needs the data scientist role.");
  return { kind: "user", userId: user.id, role: user.role, teamIds: user.teamIds };
}
