import type { Role } from "@/lib/generated/prisma/enums";
import { rolePermissions, type Permission } from "@/lib/auth/permissions";

// Roles and what they may do; the permission vocabulary itself lives in lib/auth/permissions.ts.
export { PERMISSIONS, type Permission } from "@/lib/auth/permissions";

export const ROLES: readonly Role[] = ["consumer", "publisher", "reviewer", "executive", "admin"];

export const ROLE_LABELS: Record<Role, string> = {
  consumer: "Application developer",
  publisher: "Data scientist",
  reviewer: "Reviewer",
  executive: "Executive",
  admin: "Administrator",
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions(role).has(permission);
}
