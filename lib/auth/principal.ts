import type { SessionUser } from "@/lib/auth/current-user";
import { rolePermissions, type Permission } from "@/lib/auth/permissions";
import type { KeyCaller } from "@/lib/auth/resolve-api-key";
import type { Role } from "@/lib/generated/prisma/enums";

/** Who is calling, as the route wrapper resolved it: a browser session, an API key, or nobody. */
export type Caller =
  | { kind: "user"; user: SessionUser }
  | {
      kind: "key";
      key: KeyCaller;
      /** RateLimit headers of the call, counted before any authorisation. */ rateLimit?: Record<string, string>;
    }
  | { kind: "anonymous" };

/**
 * The one principal every domain function can be handed: always a person (a key acts for its creator), what
 * they may do now, and — for a key — which key and app. Built once per request by the route wrapper.
 */
export type Principal = {
  /** The person: the signed-in user, or the key's creator. Every write records this id as its actor. */
  userId: string;
  email: string;
  role: Role;
  /** The person's teams. */
  teamIds: string[];
  /** Session: the role's permissions. Key: its scopes' permissions that the creator's role still grants. */
  permissions: ReadonlySet<Permission>;
  keyId?: string;
  appId?: string;
  key?: { prefix: string; appName: string; appTeamId: string };
};

export function principalOfUser(user: Pick<SessionUser, "id" | "email" | "role" | "teamIds">): Principal {
  return { userId: user.id, email: user.email, role: user.role, teamIds: user.teamIds, permissions: rolePermissions(user.role) };
}

export function principalOfKey(key: KeyCaller): Principal {
  return {
    userId: key.creator.id,
    email: key.creator.email,
    role: key.creator.role,
    teamIds: key.creator.teamIds,
    permissions: key.permissions,
    keyId: key.keyId,
    appId: key.appId,
    key: { prefix: key.prefix, appName: key.appName, appTeamId: key.teamId },
  };
}

export function principalOf(caller: Caller): Principal | null {
  if (caller.kind === "user") return principalOfUser(caller.user);
  if (caller.kind === "key") return principalOfKey(caller.key);
  return null;
}

/**
 * The teams a principal acts for. A session acts for the user's teams; a key only for its app's team, and
 * only while its creator still belongs to that team (admins act for any team).
 */
export function actingTeamIds(principal: Principal): string[] {
  if (!principal.key) return principal.teamIds;
  const team = principal.key.appTeamId;
  return principal.role === "admin" || principal.teamIds.includes(team) ? [team] : [];
}
