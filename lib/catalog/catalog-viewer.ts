import type { Caller } from "@/lib/http/handler";
import type { CatalogViewer } from "@/lib/catalog/search-models";

/** The catalog's view of a caller: a user sees their teams' drafts, a key its app team's, anonymous none. */
export function catalogViewer(caller: Caller): CatalogViewer {
  if (caller.kind === "user") return { teamIds: caller.user.teamIds };
  if (caller.kind === "key") return { teamIds: [caller.key.teamId] };
  return { teamIds: [] };
}
