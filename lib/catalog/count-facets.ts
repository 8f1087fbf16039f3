import "server-only";
import { DISCOVERABLE_MASK, RUNTIME_BITS, STATUS_BITS, type CatalogIndex } from "@/lib/catalog/catalog-index";
import { scratchInt32 } from "@/lib/catalog/scratch";
import { DISCOVERABLE_STATUSES, FACET_NAMES, type FacetName, type SearchModelsQuery } from "@/lib/catalog/schemas";

export type FacetRow = { facet: FacetName; value: string; label: string; count: number };

type Test = (slot: number) => boolean;

// One test per active filter. A value the catalog has never seen gets a code no slot has.
function filterTests(ix: CatalogIndex, query: SearchModelsQuery, own: Uint8Array): Partial<Record<FacetName, Test>> {
  const tests: Partial<Record<FacetName, Test>> = {};
  const { task, framework, license, team, visibility, statuses, runtimes, tagStart, tagEnd } = ix.cols;
  const code = (d: { codes: Map<string, number> }, v: string) => d.codes.get(v) ?? -2;
  if (query.task !== undefined) { const c = code(ix.dict.task, query.task); tests.task = (r) => task[r] === c; }
  if (query.framework !== undefined) { const c = code(ix.dict.framework, query.framework); tests.framework = (r) => framework[r] === c; }
  if (query.tag !== undefined) {
    const c = code(ix.dict.tag, query.tag);
    const tags = ix.tagCodes;
    tests.tag = (r) => {
      for (let k = tagStart[r]; k < tagEnd[r]; k++) if (tags[k] === c) return true;
      return false;
    };
  }
  if (query.team !== undefined) { const c = ix.teams.codeOfSlug.get(query.team) ?? -2; tests.team = (r) => team[r] === c; }
  if (query.license !== undefined) { const c = code(ix.dict.license, query.license); tests.license = (r) => license[r] === c; }
  if (query.runtime !== undefined) { const bit = 1 << RUNTIME_BITS.indexOf(query.runtime); tests.runtime = (r) => (runtimes[r] & bit) !== 0; }
  if (query.visibility !== undefined) { const c = code(ix.dict.visibility, query.visibility); tests.visibility = (r) => visibility[r] === c; }
  if (query.status !== undefined) {
    const bit = 1 << STATUS_BITS.indexOf(query.status);
    // Outside their own teams, nobody filters on (or learns about) drafts.
    tests.status = (DISCOVERABLE_STATUSES as readonly string[]).includes(query.status)
      ? (r) => (statuses[r] & bit) !== 0
      : (r) => own[team[r]] === 1 && (statuses[r] & bit) !== 0;
  }
  return tests;
}

// Counts one facet over a list of slots (a tight loop per facet over typed arrays).
function countFacet(ix: CatalogIndex, facet: FacetName, own: Uint8Array, slots: Int32Array, n: number, counts: Int32Array): void {
  const { cols, tagCodes } = ix;
  if (facet === "tag") {
    for (let k = 0; k < n; k++) for (let t = cols.tagStart[slots[k]]; t < cols.tagEnd[slots[k]]; t++) counts[tagCodes[t]]++;
  } else if (facet === "runtime" || facet === "status") {
    // Count bit masks first (a handful of distinct values), then spread them over the bits.
    const bits = facet === "runtime" ? RUNTIME_BITS.length : STATUS_BITS.length;
    const byMask = new Int32Array(1 << bits);
    if (facet === "runtime") for (let k = 0; k < n; k++) byMask[cols.runtimes[slots[k]]]++;
    else {
      for (let k = 0; k < n; k++) {
        const s = slots[k];
        byMask[own[cols.team[s]] === 1 ? cols.statuses[s] : cols.statuses[s] & DISCOVERABLE_MASK]++;
      }
    }
    byMask.forEach((c, m) => {
      for (let b = 0; b < bits; b++) if (c > 0 && m & (1 << b)) counts[b] += c;
    });
  } else {
    const column = cols[facet];
    for (let k = 0; k < n; k++) {
      const v = column[slots[k]];
      if (v >= 0) counts[v]++;
    }
  }
}

/**
 * Facet counts and the matching slots over the visible models (or the text matches): a model that passes
 * every active filter counts in every facet and matches; one that fails exactly one filter counts only in
 * that filter's facet (each facet ignores its own filter); any other counts nowhere.
 * Visible: a version in review, approved or deprecated, or a model of one of the viewer's teams.
 */
export function countFacets(ix: CatalogIndex, viewerTeamIds: string[], query: SearchModelsQuery, candidates: Int32Array | null) {
  const own = new Uint8Array(ix.teams.ids.length + 1);
  for (const id of viewerTeamIds) {
    const c = ix.teams.codeOfId.get(id);
    if (c !== undefined) own[c] = 1;
  }
  const tests = filterTests(ix, query, own);
  const active = FACET_NAMES.flatMap((f, i) => (tests[f] ? [{ i, test: tests[f] }] : []));
  const size = candidates ? candidates.length : ix.size;
  // Scratch arrays: `matched` is only read before the search's next await (see scratch.ts).
  const matched = scratchInt32("facets.matched", size);
  let m = 0;
  // Rows failing exactly one filter, kept apart per facet (in one buffer, each facet's rows in a linked list).
  const failed = scratchInt32("facets.failed", size);
  const nextFailed = scratchInt32("facets.nextFailed", size);
  const firstFailed = new Int32Array(FACET_NAMES.length).fill(-1);
  let nf = 0;
  const { alive } = ix;
  const { statuses, team } = ix.cols;
  const nActive = active.length;
  for (let k = 0; k < size; k++) {
    const r = candidates ? candidates[k] : k;
    if (alive[r] !== 1 || ((statuses[r] & DISCOVERABLE_MASK) === 0 && own[team[r]] !== 1)) continue;
    let fails = 0;
    let failedFacet = -1;
    for (let a = 0; a < nActive; a++) {
      if (!active[a].test(r)) {
        failedFacet = active[a].i;
        if (++fails > 1) break;
      }
    }
    if (fails === 0) matched[m++] = r;
    else if (fails === 1) {
      failed[nf] = r;
      nextFailed[nf] = firstFailed[failedFacet];
      firstFailed[failedFacet] = nf++;
    }
  }

  const rows: FacetRow[] = [];
  const emit = (facet: FacetName, values: readonly string[], labels: readonly string[], c: Int32Array) =>
    c.forEach((n, i) => n > 0 && rows.push({ facet, value: values[i], label: labels[i], count: n }));
  FACET_NAMES.forEach((facet, f) => {
    const values =
      facet === "team" ? ix.teams.slugs : facet === "runtime" ? RUNTIME_BITS : facet === "status" ? STATUS_BITS : ix.dict[facet].values;
    const counts = new Int32Array(values.length);
    countFacet(ix, facet, own, matched, m, counts);
    if (firstFailed[f] >= 0) {
      const rowsOfFacet = scratchInt32("facets.rowsOfFacet", nf);
      let n = 0;
      for (let j = firstFailed[f]; j >= 0; j = nextFailed[j]) rowsOfFacet[n++] = failed[j];
      countFacet(ix, facet, own, rowsOfFacet, n, counts);
    }
    emit(facet, values, facet === "team" ? ix.teams.names : values, counts);
  });
  return { facets: rows, matched: matched.subarray(0, m) };
}
