import "server-only";
import { expandQueryWords, type ExpandedWord } from "@/lib/catalog/expand-query-words";
import { keepModelUsageFresh } from "@/lib/catalog/model-usage-30d";
import { loadCatalogItems } from "@/lib/catalog/load-catalog-items";
import { buildTsquery } from "@/lib/catalog/search-text";
import { getCatalogIndex, type CatalogIndex } from "@/lib/catalog/catalog-index";
import { countFacets } from "@/lib/catalog/count-facets";
import { matchText } from "@/lib/catalog/match-text";
import { FACET_NAMES, type CatalogSort, type FacetName, type FacetValue, type SearchModelsQuery, type SearchModelsResult } from "@/lib/catalog/schemas";

/** Who is searching: models of their own teams are visible even as drafts. */
export type CatalogViewer = { teamIds: string[] };

const FACET_LIMIT = 30;

/**
 * Relevance in tiers that mirror the search document's weights — the whole name typed exactly (3), every
 * word in the name (2), in summary/tags/task (1), else the card only (0) — by matching the corrected words
 * against the short lower-cased texts the index holds (ts_rank over each match's document costs far more).
 */
function relevanceTier(ix: CatalogIndex, words: ExpandedWord[], qLower: string): (row: number) => number {
  const groups = words.map(({ word, corrections }) => {
    const alternatives = [word, ...corrections];
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})`, "u");
    // A plain substring test first: most texts do not contain the word at all, and that test is far cheaper.
    return (text: string) => alternatives.some((w) => text.includes(w)) && pattern.test(text);
  });
  return (r) => {
    if (ix.name[r] === qLower || ix.title[r] === qLower) return 3;
    if (groups.every((g) => g(ix.name[r]) || g(ix.title[r]))) return 2;
    return groups.every((g) => g(ix.middle[r])) ? 1 : 0;
  };
}

function pageOf(ix: CatalogIndex, matched: number[], sort: CatalogSort, tier: ((r: number) => number) | null, from: number, to: number): number[] {
  if (sort === "name") return matched.slice(from, to); // rows are numbered in name order
  const isMatch = new Uint8Array(ix.size);
  for (const r of matched) isMatch[r] = 1;
  const order = sort === "updated" ? ix.order.updated : ix.order.most_used;
  if (sort === "relevance" && tier) {
    // Ties within a tier go in most_used order: walk that order once, one list per tier.
    const tiers: number[][] = [[], [], [], []];
    for (const r of order) if (isMatch[r] === 1) tiers[3 - tier(r)].push(r);
    return tiers.flat().slice(from, to);
  }
  const page: number[] = [];
  let seen = 0;
  for (const r of order) {
    if (isMatch[r] !== 1) continue;
    if (seen++ >= from) page.push(r);
    if (seen >= to) break;
  }
  return page;
}

/**
 * Catalog search: full-text over the weighted search document (typos and prefixes corrected through the
 * vocabulary first) for candidates, then filters, facet counts that each respect the other active filters,
 * sorting and pagination over the in-memory catalog index — over the models the viewer may see: every model
 * with a version in review, approved or deprecated (gated ones too), plus any model of the viewer's own teams.
 */
export async function searchModels(input: { viewer: CatalogViewer; query: SearchModelsQuery }): Promise<SearchModelsResult> {
  const { viewer, query } = input;
  keepModelUsageFresh();
  const [words, ix] = await Promise.all([query.q ? expandQueryWords(query.q) : Promise.resolve([]), getCatalogIndex()]);
  const tsquery = words.length ? buildTsquery(words) : null;
  const sort: CatalogSort = query.sort ?? (tsquery ? "relevance" : "most_used");
  const candidates = tsquery ? await matchText(ix, tsquery) : null;
  const { facets, matched } = countFacets(ix, viewer.teamIds, query, candidates);
  const tier = tsquery ? relevanceTier(ix, words, (query.q ?? "").trim().toLowerCase()) : null;
  const offset = (query.page - 1) * query.pageSize;
  const page = pageOf(ix, matched, sort, tier, offset, offset + query.pageSize);
  const items = await loadCatalogItems(page.map((r) => ({ id: ix.ids[r], calls30d: ix.calls30d[r] })), viewer);
  return { items, total: matched.length, page: query.page, pageSize: query.pageSize, sort, facets: groupFacets(facets, query) };
}

function groupFacets(rows: { facet: FacetName; value: string; label: string; count: number }[], query: SearchModelsQuery) {
  const facets = Object.fromEntries(FACET_NAMES.map((f) => [f, [] as FacetValue[]])) as Record<FacetName, FacetValue[]>;
  for (const r of rows) facets[r.facet].push({ value: r.value, label: r.label, count: r.count });
  for (const name of FACET_NAMES) {
    const selected = query[name];
    const sorted = facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const top = sorted.slice(0, FACET_LIMIT);
    // The active value always stays listed, so the filter can be seen and cleared.
    const active = sorted.find((f) => f.value === selected);
    facets[name] = active && !top.includes(active) ? [...top, active] : top;
  }
  return facets;
}
