import "server-only";
import type { CatalogIndex } from "@/lib/catalog/catalog-index";
import { DISCOVERABLE_STATUSES, type CatalogItem } from "@/lib/catalog/schemas";
import { isAwaitingApproval } from "@/lib/catalog/approval-state";

/** What the index keeps per model for its card (as JSON text: one string per model, parsed only for a page). */
type CardFields = Pick<CatalogItem, "slug" | "name" | "displayName" | "summary" | "task" | "framework" | "tags" | "license" | "visibility" | "runtimes" | "statuses" | "updatedAt" | "latestVersion">;

/**
 * Catalog cards for a page of index slots, in that order, from the index itself (it is current to the
 * generation the search read, so no query is needed). Statuses other than review/approved/deprecated are
 * shown only to the model's own team.
 */
export function cardsFromIndex(ix: CatalogIndex, slots: number[], viewerTeamIds: string[]): CatalogItem[] {
  return slots.map((s) => {
    const card = JSON.parse(ix.cards[s]) as CardFields;
    const teamCode = ix.cols.team[s];
    const own = viewerTeamIds.includes(ix.teams.ids[teamCode]);
    const slug = ix.teams.slugs[teamCode] ?? "";
    return {
      id: ix.ids[s], slug: card.slug, owner: slug, name: card.name, displayName: card.displayName, summary: card.summary, task: card.task,
      framework: card.framework, tags: card.tags, license: card.license, visibility: card.visibility,
      team: { slug, name: ix.teams.names[teamCode] ?? "" }, latestVersion: card.latestVersion,
      awaitingApproval: isAwaitingApproval(card.statuses),
      runtimes: card.runtimes, statuses: card.statuses.filter((st) => own || (DISCOVERABLE_STATUSES as readonly string[]).includes(st)),
      calls30d: ix.calls30d[s], updatedAt: card.updatedAt,
    };
  });
}
