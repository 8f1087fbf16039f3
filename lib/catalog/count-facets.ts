import "server-only";
import { DISCOVERABLE_MASK, RUNTIME_BITS, STATUS_BITS, type CatalogIndex } from "@/lib/catalog/catalog-index";
import { DISCOVERABLE_STATUSES, FACET_NAMES, type FacetName, type SearchModelsQuery } from "@/lib/catalog/schemas";

export type FacetRow = { facet: FacetName; value: string; label: string; count: number };

type Test = (row: number) => boolean;

// One test per active filter. A value the catalog has never seen gets a code no row has.
function filterTests(ix: CatalogIndex, query: SearchModelsQuery, own: Uint8Array): Partial<Record<FacetName, Test>> {
  const tests: Partial<Record<FacetName, Test>> = {};
  const code = (d: { codes: Map<string, number> }, v: string) => d.codes.get(v) ?? -2;
  if (query.task !== undefined) { const c = code(ix.dict.task, query.task); tests.task = (r) => ix.task[r] === c; }
  if (query.framework !== undefined) { const c = code(ix.dict.framework, query.framework); tests.framework = (r) => ix.framework[r] === c; }
  if (query.tag !== undefined) {
    const c = code(ix.dict.tag, query.tag);
    tests.tag = (r) => {
      for (let k = ix.tagStart[r]; k < ix.tagStart[r + 1]; k++) if (ix.tagCodes[k] === c) return true;
      return false;
    };
  }
  if (query.team !== undefined) { const c = ix.teams.codeOfSlug.get(query.team) ?? -2; tests.team = (r) => ix.team[r] === c; }
  if (query.license !== undefined) { const c = code(ix.dict.license, query.license); tests.license = (r) => ix.license[r] === c; }
  if (query.runtime !== undefined) { const bit = 1 << RUNTIME_BITS.indexOf(query.runtime); tests.runtime = (r) => (ix.runtimes[r] & bit) !== 0; }
  if (query.visibility !== undefined) { const c = code(ix.dict.visibility, query.visibility); tests.visibility = (r) => ix.visibility[r] === c; }
  if (query.status !== undefined) {
    const bit = 1 << STATUS_BITS.indexOf(query.status);
    // Outside their own teams, nobody filters on (or learns about) drafts.
    tests.status = (DISCOVERABLE_STATUSES as readonly string[]).includes(query.status)
      ? (r) => (ix.statuses[r] & bit) !== 0
      : (r) => own[ix.team[r]] === 1 && (ix.statuses[r] & bit) !== 0;
  }
  return tests;
}

/**
 * Facet counts and the matching rows in one pass over the visible rows (or the text matches): a row that
 * passes every active filter counts in every facet and matches; a row that fails exactly one filter counts
 * only in that filter's facet (each facet ignores its own filter); any other row counts nowhere.
 * Visible: a version in review, approved or deprecated, or a model of one of the viewer's teams.
 */
export function countFacets(ix: CatalogIndex, viewerTeamIds: string[], query: SearchModelsQuery, candidates: Int32Array | null) {
  const own = new Uint8Array(ix.teams.ids.length);
  for (const id of viewerTeamIds) {
    const c = ix.teams.codeOfId.get(id);
    if (c !== undefined) own[c] = 1;
  }
  const tests = filterTests(ix, query, own);
  const active = FACET_NAMES.flatMap((f, i) => (tests[f] ? [{ i, test: tests[f] }] : []));
  const counts = {
    task: new Int32Array(ix.dict.task.values.length), framework: new Int32Array(ix.dict.framework.values.length),
    tag: new Int32Array(ix.dict.tag.values.length), team: new Int32Array(ix.teams.ids.length),
    license: new Int32Array(ix.dict.license.values.length), runtime: new Int32Array(RUNTIME_BITS.length),
    visibility: new Int32Array(ix.dict.visibility.values.length), status: new Int32Array(STATUS_BITS.length),
  };
  const count = (facet: number, r: number) => {
    switch (facet) {
      case 0: counts.task[ix.task[r]]++; break;
      case 1: counts.framework[ix.framework[r]]++; break;
      case 2: for (let k = ix.tagStart[r]; k < ix.tagStart[r + 1]; k++) counts.tag[ix.tagCodes[k]]++; break;
      case 3: if (ix.team[r] >= 0) counts.team[ix.team[r]]++; break;
      case 4: if (ix.license[r] >= 0) counts.license[ix.license[r]]++; break;
      case 5: for (let b = 0; b < RUNTIME_BITS.length; b++) if (ix.runtimes[r] & (1 << b)) counts.runtime[b]++; break;
      case 6: counts.visibility[ix.visibility[r]]++; break;
      default: {
        const visibleStatuses = own[ix.team[r]] === 1 ? ix.statuses[r] : ix.statuses[r] & DISCOVERABLE_MASK;
        for (let b = 0; b < STATUS_BITS.length; b++) if (visibleStatuses & (1 << b)) counts.status[b]++;
      }
    }
  };
  const matched: number[] = [];
  const size = candidates ? candidates.length : ix.size;
  for (let k = 0; k < size; k++) {
    const r = candidates ? candidates[k] : k;
    if ((ix.statuses[r] & DISCOVERABLE_MASK) === 0 && own[ix.team[r]] !== 1) continue;
    let fails = 0;
    let failed = -1;
    for (const a of active) {
      if (!a.test(r)) {
        failed = a.i;
        if (++fails > 1) break;
      }
    }
    if (fails === 0) {
      matched.push(r);
      for (let f = 0; f < FACET_NAMES.length; f++) count(f, r);
    } else if (fails === 1) count(failed, r);
  }

  const rows: FacetRow[] = [];
  const emit = (facet: FacetName, values: readonly string[], labels: readonly string[], c: Int32Array) =>
    c.forEach((n, i) => n > 0 && rows.push({ facet, value: values[i], label: labels[i], count: n }));
  for (const f of ["task", "framework", "tag", "license", "visibility"] as const) emit(f, ix.dict[f].values, ix.dict[f].values, counts[f]);
  emit("team", ix.teams.slugs, ix.teams.names, counts.team);
  emit("runtime", RUNTIME_BITS, RUNTIME_BITS, counts.runtime);
  emit("status", STATUS_BITS, STATUS_BITS, counts.status);
  return { facets: rows, matched };
}
