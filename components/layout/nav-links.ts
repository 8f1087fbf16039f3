import type { Permission } from "@/lib/auth/roles";

/** The main navigation; each entry is shown to the roles holding its permission. */
export const NAV_LINKS: { href: string; label: string; permission: Permission }[] = [
  { href: "/models", label: "Catalog", permission: "catalog:read" },
  { href: "/collections", label: "Collections", permission: "catalog:curate" },
  { href: "/apps", label: "My apps", permission: "apps:manage" },
  { href: "/budgets", label: "Budgets", permission: "budgets:read" },
  { href: "/publish", label: "Publish", permission: "models:publish" },
  { href: "/review/mine", label: "Submissions", permission: "models:publish" },
  { href: "/review", label: "Review queue", permission: "versions:review" },
  { href: "/governance/access-requests", label: "Access requests", permission: "access:decide" },
  { href: "/governance", label: "Governance", permission: "governance:read" },
  { href: "/dashboards/usage", label: "Usage", permission: "usage:read" },
  { href: "/dashboards/roi", label: "ROI", permission: "roi:read" },
  { href: "/dashboards/health", label: "Health", permission: "usage:read" },
  { href: "/docs/api", label: "API", permission: "catalog:read" },
  { href: "/admin", label: "Admin", permission: "admin:manage" },
];
