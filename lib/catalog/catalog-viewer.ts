import { actingTeamIds, principalOf, type Caller } from "@/lib/auth/principal";
import type { CatalogViewer } from "@/lib/catalog/search-models";

/**
 * The catalog's view of a caller: a user sees their teams' drafts, a key its app team's (while its creator
 * still belongs to that team), anonymous none.
 */
export function catalogViewer(caller: Caller): CatalogViewer {
  const principal = principalOf(caller);
  return { teamIds: principal ? actingTeamIds(principal) : [] };
}
