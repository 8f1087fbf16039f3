import type { Role } from "@/lib/generated/prisma/enums";

// Who may see which usage (documented in docs/dashboards.md):
// - executives and admins: everything;
// - publishers and reviewers: calls to their teams' models (whoever calls them) and calls made by their teams' apps;
// - consumers: calls made by their teams' apps;
// - an API key: calls made by its own app.
export type UsageViewer =
  { kind: "all" } | { kind: "teams"; teamIds: string[]; includeOwnedModels: boolean } | { kind: "app"; appId: string };

export function usageViewerForUser(user: { role: Role; teamIds: string[] }): UsageViewer {
  if (user.role === "executive" || user.role === "admin") return { kind: "all" };
  return { kind: "teams", teamIds: user.teamIds, includeOwnedModels: user.role === "publisher" || user.role === "reviewer" };
}
