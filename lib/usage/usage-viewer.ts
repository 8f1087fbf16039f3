import type { Role } from "@/lib/generated/prisma/enums";

// Who may see which usage (documented in docs/dashboards.md):
// - executives and admins: everything;
// - publishers and reviewers: calls to their teams' models (whoever calls them) and calls made by their teams' apps;
// - consumers: calls made by their teams' apps;
// - an API key: calls made by its own app.
export type UsageViewer =
  | { kind: "all" }
  | { kind: "teams"; teamIds: string[]; includeOwnedModels: boolean }
  | { kind: "app"; appId: string };

export function usageViewerForUser(user: { role: Role; teamIds: string[] }): UsageViewer {
  if (user.role === "executive" || user.role === "admin") return { kind: "all" };
  return { kind: "teams", teamIds: user.teamIds, includeOwnedModels: user.role === "publisher" || user.role === "reviewer" };
}

/**
 * SQL condition (over aliases m = models, a = apps) limiting rows to what the viewer may see; parameters
 * are appended to `params`.
 */
export function viewerCondition(viewer: UsageViewer, params: unknown[]): string {
  if (viewer.kind === "all") return "TRUE";
  if (viewer.kind === "app") {
    params.push(viewer.appId);
    return `a."id" = $${params.length}::uuid`;
  }
  params.push(viewer.teamIds);
  const teams = `$${params.length}::uuid[]`;
  return viewer.includeOwnedModels ? `(m."teamId" = ANY(${teams}) OR a."teamId" = ANY(${teams}))` : `a."teamId" = ANY(${teams})`;
}
