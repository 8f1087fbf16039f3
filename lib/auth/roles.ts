import type { Role } from "@/lib/generated/prisma/enums";

// What each role may do. A role is one of the personas in the product brief; an admin may do everything.
export const PERMISSIONS = {
  "catalog:read": ["consumer", "publisher", "reviewer", "executive", "admin"],
  "apps:manage": ["consumer", "publisher", "reviewer", "admin"],
  "models:publish": ["publisher", "admin"],
  "versions:review": ["reviewer", "admin"],
  "access:decide": ["reviewer", "admin", "publisher"],
  "governance:read": ["reviewer", "admin"],
  "usage:read": ["publisher", "reviewer", "executive", "admin"],
  "roi:read": ["executive", "admin"],
  "audit:read": ["admin"],
  "admin:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES: readonly Role[] = ["consumer", "publisher", "reviewer", "executive", "admin"];

export const ROLE_LABELS: Record<Role, string> = {
  consumer: "Application developer",
  publisher: "Data scientist",
  reviewer: "Reviewer",
  executive: "Executive",
  admin: "Administrator",
};

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
