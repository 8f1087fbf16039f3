import "server-only";
import { expandWords, type ExpandedWord } from "@/lib/catalog/correct-words";
import { keepModelUsageFresh } from "@/lib/catalog/model-usage-30d";
import { cardsFromIndex } from "@/lib/catalog/index-cards";
import { scratchUint8 } from "@/lib/catalog/scratch";
import { buildTsquery, queryWords } from "@/lib/catalog/search-text";
import { getCatalogIndex, heldCatalogIndex, readCatalogVersion, type CatalogIndex } from "@/lib/catalog/catalog-index";
import { countFacets } from "@/lib/catalog/count-facets";
import { matchGroups, matchNormalised, matchTextInDatabase } from "@/lib/catalog/match-text";
import { FACET_NAMES, type CatalogSort, type FacetName, type FacetValue, type SearchModelsQuery, type SearchModelsResult } from "@/lib/catalog/schemas";

/** Who is searching: models of their own teams are visible even as drafts. */
export type CatalogViewer = { teamIds: string[] };

const FACET_LIMIT = 30;

/**
 * Relevance in tiers that mirror the search document's weights — the whole name typed exactly (3), every
 * word at the start of a word of the name (2), of summary/tags/task (1), else the card only (0) — from the
 * index's word postings of those short texts: set operations, no per-match text scan.
 */
function relevanceTiers(ix: CatalogIndex, words: ExpandedWord[], qLower: string): Uint8Array {
  const tiers = scratchUint8("relevance.tiers", ix.size);
  const groups = words.map(({ word, corrections }) => [word, ...corrections]);
  for (const s of matchGroups(ix.middleWords, groups, ix.size)) tiers[s] = 1;
  for (const s of matchGroups(ix.nameWords, groups, ix.size)) tiers[s] = 2;
  for (const s of ix.exact.get(qLower) ?? []) if (s < ix.size) tiers[s] = 3;
  return tiers;
}

function pageOf(ix: CatalogIndex, matched: Int32Array, sort: CatalogSort, tiers: Uint8Array | null, from: number, to: number): number[] {
  if (matched.length === 0 || from >= matched.length) return [];
  const isMatch = scratchUint8("page.isMatch", ix.size);
  for (const r of matched) isMatch[r] = 1;
  const order = sort === "updated" ? ix.order.updated : sort === "name" ? ix.order.name : ix.order.most_used;
  if (sort === "relevance" && tiers) {
    // Tier 3 first, then 2, 1, 0; ties within a tier in most_used order. Knowing each tier's size, one walk
    // of that order collects only the page's share of each tier and stops once it has it.
    const size = [0, 0, 0, 0];
    for (const r of matched) size[tiers[r]]++;
    const skip = [0, 0, 0, 0];
    const take = [0, 0, 0, 0];
    let start = 0;
    for (let t = 3; t >= 0; t--) {
      skip[t] = Math.min(Math.max(from - start, 0), size[t]);
      take[t] = Math.max(Math.min(to - start, size[t]), skip[t]);
      start += size[t];
    }
    const byTier: number[][] = [[], [], [], []];
    let missing = take.reduce((a, b) => a + b, 0);
    for (let k = 0; k < order.length && missing > 0; k++) {
      const r = order[k];
      if (isMatch[r] !== 1) continue;
      const t = tiers[r];
      if (byTier[t].length < take[t]) {
        byTier[t].push(r);
        missing--;
      }
    }
    return [3, 2, 1, 0].flatMap((t) => byTier[t].slice(skip[t]));
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

// The index at the database's current version, the query's words with their corrections, and the text
// matches. One round trip reads the version and normalises the words (corrected against the index's
// vocabulary); only if the index then had to catch up, and the corrections changed, a second one.
async function matchQuery(q: string | undefined) {
  const typed = queryWords(q ?? "");
  const held = heldCatalogIndex();
  let words = held ? expandWords(held.vocabulary, q ?? "") : typed.map((word) => ({ word, corrections: [] }));
  const termsOf = (ws: ExpandedWord[]) => [...new Set(ws.flatMap((w) => [w.word, ...w.corrections]))];
  let terms = termsOf(words);
  const version = await readCatalogVersion(terms);
  const normalised = new Map(terms.map((t, i) => [t, version.normalised[i] ?? ""]));
  const ix = await getCatalogIndex(version);
  if (typed.length === 0) return { ix, words: [], candidates: null };
  if (ix !== held) {
    words = expandWords(ix.vocabulary, q ?? "");
    terms = termsOf(words).filter((t) => !normalised.has(t));
    if (terms.length > 0) (await readCatalogVersion(terms)).normalised.forEach((n, i) => normalised.set(terms[i], n));
  }
  const groups = words.map((w) => [w.word, ...w.corrections]);
  const candidates = matchNormalised(ix, groups, (t) => normalised.get(t) ?? "") ?? (await matchTextInDatabase(ix, buildTsquery(words)));
  return { ix, words, candidates };
}

/**
 * Catalog search: full-text over the weighted search documents (typos and prefixes corrected against the
 * catalog vocabulary first), then filters, facet counts that each respect the other active filters, sorting
 * and pagination over the in-memory catalog index — over the models the viewer may see: every model with a
 * version in review, approved or deprecated (gated ones too), plus any model of the viewer's own teams.
 */
export async function searchModels(input: { viewer: CatalogViewer; query: SearchModelsQuery }): Promise<SearchModelsResult> {
  const { viewer, query } = input;
  keepModelUsageFresh();
  const { ix, words, candidates } = await matchQuery(query.q);
  const searching = words.length > 0;
  const sort: CatalogSort = query.sort ?? (searching ? "relevance" : "most_used");
  const { facets, matched } = countFacets(ix, viewer.teamIds, query, candidates);
  const tiers = searching && sort === "relevance" ? relevanceTiers(ix, words, (query.q ?? "").trim().toLowerCase()) : null;
  const offset = (query.page - 1) * query.pageSize;
  const page = pageOf(ix, matched, sort, tiers, offset, offset + query.pageSize);
  const items = cardsFromIndex(ix, page, viewer.teamIds);
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
