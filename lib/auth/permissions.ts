import type { Role } from "@/lib/generated/prisma/enums";

// The one permission vocabulary of the portal (dub's shape): roles grant permissions, API-key scopes map
// onto the same permissions, and a key's effective permissions are its scopes' permissions that its
// creator's *current* role still grants. Route wrappers and pages check permissions, never roles.

/** Permission → the roles that hold it. A role is one of the personas in the product brief; admins hold all. */
export const PERMISSIONS = {
  "catalog:read": ["consumer", "publisher", "reviewer", "executive", "admin"],
  "catalog:curate": ["consumer", "publisher", "reviewer", "executive", "admin"],
  "models:invoke": ["consumer", "publisher", "reviewer", "executive", "admin"],
  "apps:manage": ["consumer", "publisher", "reviewer", "admin"],
  "models:publish": ["publisher", "admin"],
  "versions:review": ["reviewer", "admin"],
  "access:decide": ["reviewer", "admin", "publisher"],
  "governance:read": ["reviewer", "admin"],
  "usage:read": ["publisher", "reviewer", "executive", "admin"],
  "roi:read": ["executive", "admin"],
  "audit:read": ["admin"],
  "metrics:read": ["admin"],
  /** Reading budgets (each caller sees those of their teams, their apps and units; admins and executives all). */
  "budgets:read": ["consumer", "publisher", "reviewer", "executive", "admin"],
  /** Setting budgets: admins all of them, a team's maintainers their team's and apps', a unit's owners their unit's (checked per budget). */
  "budgets:manage": ["consumer", "publisher", "reviewer", "executive", "admin"],
  "admin:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** API-key scopes, each a named bundle of permissions. */
export const KEY_SCOPES = ["invoke", "read", "publish", "usage:read", "curate", "metrics:read"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const SCOPE_PERMISSIONS: Record<KeyScope, readonly Permission[]> = {
  invoke: ["models:invoke"],
  read: ["catalog:read"],
  publish: ["models:publish"],
  "usage:read": ["usage:read", "budgets:read"],
  curate: ["catalog:curate"],
  "metrics:read": ["metrics:read"],
};

export const SCOPE_HINTS: Record<KeyScope, string> = {
  invoke: "call models",
  read: "read the catalog and snippets",
  publish: "publish from CI/CD",
  "usage:read": "read usage, ROI, chargeback and budgets",
  curate: "star models and keep collections",
  "metrics:read": "scrape /metrics (Prometheus)",
};

const byRole = new Map<Role, ReadonlySet<Permission>>();

/** Everything a role may do. */
export function rolePermissions(role: Role): ReadonlySet<Permission> {
  let set = byRole.get(role);
  if (!set) {
    set = new Set(ALL_PERMISSIONS.filter((p) => (PERMISSIONS[p] as readonly Role[]).includes(role)));
    byRole.set(role, set);
  }
  return set;
}

export function isKeyScope(scope: string): scope is KeyScope {
  return (KEY_SCOPES as readonly string[]).includes(scope);
}

/** The permissions a set of scopes names (unknown scopes name none). */
export function mapScopesToPermissions(scopes: readonly string[]): Set<Permission> {
  return new Set(scopes.filter(isKeyScope).flatMap((s) => SCOPE_PERMISSIONS[s]));
}

/** What a key may do: its scopes' permissions that its creator's current role grants. */
export function keyPermissions(scopes: readonly string[], creatorRole: Role): Set<Permission> {
  const granted = rolePermissions(creatorRole);
  return new Set([...mapScopesToPermissions(scopes)].filter((p) => granted.has(p)));
}

/** The scopes a role may put on a key: those whose every permission the role holds. */
export function grantableScopes(role: Role): KeyScope[] {
  const granted = rolePermissions(role);
  return KEY_SCOPES.filter((s) => SCOPE_PERMISSIONS[s].every((p) => granted.has(p)));
}

/**
 * What a route asks of its caller: a permission (a session's role must grant it; a key is taken when a scope
 * names it, and must hold it), "signed-in" (any person with a session, never a key: no scope names it), or
 * "public" (nobody is asked: no session or key is even read).
 */
export type RouteAccess = Permission | "signed-in" | "public";

/** The key scope that carries a route's permission, or null when API keys cannot call the route. */
export function keyScopeFor(access: RouteAccess): KeyScope | null {
  if (access === "signed-in" || access === "public") return null;
  return KEY_SCOPES.find((s) => SCOPE_PERMISSIONS[s].includes(access)) ?? null;
}
