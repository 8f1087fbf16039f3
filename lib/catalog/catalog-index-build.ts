// Building and patching the in-memory catalog index from model rows. Pure (no database): catalog-index.ts
// reads the rows. A model occupies a slot; a changed model gets a NEW slot at the end and its old slot is
// marked dead, so postings only ever grow by appending larger slot numbers and stay ascending, and column
// arrays are only written past the slots a previous snapshot can see (searches still running on it are
// unaffected). Dead slots are dropped when the index is next built from scratch.
import { appendPostings, buildPostings, type Postings } from "@/lib/catalog/postings";
import { DISCOVERABLE_STATUSES } from "@/lib/catalog/schemas";

/** Bit per version status / runtime, in a fixed order (the masks of CatalogIndex.statuses / runtimes). */
export const STATUS_BITS = ["draft", "pending_review", "approved", "rejected", "deprecated", "retired"] as const;
export const RUNTIME_BITS = ["onnx", "http", "openai"] as const;
export const DISCOVERABLE_MASK = DISCOVERABLE_STATUSES.reduce((mask, s) => mask | (1 << STATUS_BITS.indexOf(s)), 0);

/** The values of one scalar facet: code → value and value → code (append-only, shared by snapshots). */
export type Dictionary = { values: string[]; codes: Map<string, number> };
export type Team = { id: string; slug: string; name: string };

/** One model as read from the database; texts already lower-cased, lexemes joined by U+001F. */
export type ModelRow = {
  id: string; teamId: string; task: string; framework: string; license: string | null; visibility: string; tags: string[];
  runtimes: string[]; statuses: string[]; name: string; title: string; middle: string; updated: Date | string; calls: number; lexemes: string;
  /** The model's catalog card fields as JSON (see CardFields), so a page of results needs no query. */
  card: string;
};

const INT_COLUMNS = ["task", "framework", "license", "team", "visibility", "statuses", "runtimes", "tagStart", "tagEnd"] as const;
type IntColumn = (typeof INT_COLUMNS)[number];

/**
 * The catalog held column-wise per slot, so that matching, counting facets and ordering 100,000 models are
 * passes over typed arrays. Only slots below `size` with alive[slot] = 1 are models.
 */
export type CatalogIndex = {
  generation: string;
  /** When model_usage_30d was refreshed (its figures change without touching models). */
  usageAt: string;
  size: number;
  alive: Uint8Array;
  dead: number;
  ids: string[];
  /** Model id → its current slot (shared and growing: check slot < size before use). */
  rowOf: Map<string, number>;
  cols: Record<IntColumn, Int32Array>;
  /** Tag codes of slot s: tagCodes[tagStart[s] .. tagEnd[s]). */
  tagCodes: Int32Array;
  tagUsed: number;
  calls30d: Float64Array;
  updatedAt: Float64Array;
  /** lower(displayName), for the name order. */
  title: string[];
  /** ModelRow.card per slot. */
  cards: string[];
  dict: { task: Dictionary; framework: Dictionary; license: Dictionary; tag: Dictionary; visibility: Dictionary };
  teams: { ids: string[]; slugs: string[]; names: string[]; codeOfId: Map<string, number>; codeOfSlug: Map<string, number> };
  /** lower(name) and lower(displayName) → slots (relevance's top tier: the whole name typed). */
  exact: Map<string, number[]>;
  /** Words of lower(name) and lower(displayName) / of lower(summary + tags + task) → slots (relevance tiers). */
  nameWords: Postings;
  middleWords: Postings;
  /** The search documents' lexemes → slots. */
  text: Postings;
  /** Alive slots in each sort's order (relevance breaks ties in most_used order); nameRank = position in name order. */
  order: { name: Int32Array; most_used: Int32Array; updated: Int32Array };
  nameRank: Int32Array;
  /** The catalog vocabulary (search_terms), sorted: typo and prefix correction. */
  vocabulary: string[];
};

/** Words as relevance sees them: a word starts after anything that is not a letter, digit or underscore. */
export const textWords = (text: string) => text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
const LEXEME_SEPARATOR = "\u001f";
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function codeOf(d: Dictionary, value: string): number {
  let code = d.codes.get(value);
  if (code === undefined) {
    code = d.values.length;
    d.values.push(value);
    d.codes.set(value, code);
  }
  return code;
}
const mask = (bits: readonly string[], values: string[]) => values.reduce((m, v) => m | (1 << bits.indexOf(v)), 0);

function teamsOf(list: Team[], previous?: CatalogIndex["teams"]): CatalogIndex["teams"] {
  // Codes stay stable across patches (slots keep them); a new team gets the next code.
  const ids = previous ? [...previous.ids] : [];
  const codeOfId = new Map(previous?.codeOfId ?? []);
  for (const t of list) if (!codeOfId.has(t.id)) codeOfId.set(t.id, ids.push(t.id) - 1);
  const byId = new Map(list.map((t) => [t.id, t]));
  const slugs = ids.map((id) => byId.get(id)?.slug ?? "");
  const names = ids.map((id) => byId.get(id)?.name ?? "");
  return { ids, slugs, names, codeOfId, codeOfSlug: new Map(list.map((t) => [t.slug, codeOfId.get(t.id) ?? -1])) };
}

// Comparators of the three orders. Name: lower(displayName), then id (code-unit order, like the "C" collation).
const nameCmp = (ix: CatalogIndex) => (a: number, b: number) => byCodeUnit(ix.title[a], ix.title[b]) || byCodeUnit(ix.ids[a], ix.ids[b]);
const updatedCmp = (ix: CatalogIndex) => (a: number, b: number) => ix.updatedAt[b] - ix.updatedAt[a] || byCodeUnit(ix.ids[a], ix.ids[b]);
const usedCmp = (ix: CatalogIndex) => (a: number, b: number) => ix.calls30d[b] - ix.calls30d[a] || ix.nameRank[a] - ix.nameRank[b];

function rank(order: Int32Array, size: number): Int32Array {
  const r = new Int32Array(size);
  for (let pos = 0; pos < order.length; pos++) r[order[pos]] = pos;
  return r;
}

/** The alive slots of `order` with `added` (alive, new) merged in at their places. */
function patchOrder(order: Int32Array, alive: Uint8Array, added: number[], cmp: (a: number, b: number) => number): Int32Array {
  const kept = new Int32Array(order.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) if (alive[order[k]] === 1) kept[n++] = order[k];
  return merge(kept.subarray(0, n), added, cmp);
}

function merge(kept: Int32Array, added: number[], cmp: (a: number, b: number) => number): Int32Array {
  const sorted = [...added].sort(cmp);
  const out = new Int32Array(kept.length + sorted.length);
  let from = 0;
  let o = 0;
  for (const slot of sorted) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(kept[mid], slot) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.set(kept.subarray(from, lo), o);
    o += lo - from;
    out[o++] = slot;
    from = lo;
  }
  out.set(kept.subarray(from), o);
  return out;
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const bigger = new (a.constructor as new (n: number) => T)(Math.max(need, Math.ceil(a.length * 1.5) + 1024));
  bigger.set(a);
  return bigger;
}

/** Writes rows into fresh slots from ix.size on (growing the shared columns when full). */
type Words = Record<"text" | "nameWords" | "middleWords", Map<string, number[]>>;
const noWords = (): Words => ({ text: new Map(), nameWords: new Map(), middleWords: new Map() });

function writeSlots(ix: CatalogIndex, rows: ModelRow[], words: Words = noWords()): { slots: number[]; words: Words } {
  const first = ix.size;
  const end = first + rows.length;
  for (const c of INT_COLUMNS) ix.cols[c] = grow(ix.cols[c], end);
  ix.calls30d = grow(ix.calls30d, end);
  ix.updatedAt = grow(ix.updatedAt, end);
  ix.tagCodes = grow(ix.tagCodes, ix.tagUsed + rows.reduce((s, r) => s + r.tags.length, 0));
  const add = (m: Map<string, number[]>, key: string, slot: number) => {
    const list = m.get(key);
    if (!list) m.set(key, [slot]);
    else if (list[list.length - 1] !== slot) list.push(slot);
  };
  const { cols, dict } = ix;
  rows.forEach((r, k) => {
    const s = first + k;
    ix.ids[s] = r.id;
    ix.title[s] = r.title;
    ix.cards[s] = r.card;
    ix.rowOf.set(r.id, s);
    cols.task[s] = codeOf(dict.task, r.task);
    cols.framework[s] = codeOf(dict.framework, r.framework);
    cols.license[s] = r.license === null ? -1 : codeOf(dict.license, r.license);
    cols.team[s] = ix.teams.codeOfId.get(r.teamId) ?? -1;
    cols.visibility[s] = codeOf(dict.visibility, r.visibility);
    cols.statuses[s] = mask(STATUS_BITS, r.statuses);
    cols.runtimes[s] = mask(RUNTIME_BITS, r.runtimes);
    cols.tagStart[s] = ix.tagUsed;
    for (const tag of new Set(r.tags)) ix.tagCodes[ix.tagUsed++] = codeOf(dict.tag, tag);
    cols.tagEnd[s] = ix.tagUsed;
    ix.calls30d[s] = r.calls;
    ix.updatedAt[s] = new Date(r.updated).getTime();
    for (const key of new Set([r.name, r.title])) {
      const list = ix.exact.get(key);
      if (list) list.push(s);
      else ix.exact.set(key, [s]);
    }
    for (const w of new Set([...textWords(r.name), ...textWords(r.title)])) add(words.nameWords, w, s);
    for (const w of new Set(textWords(r.middle))) add(words.middleWords, w, s);
    if (r.lexemes !== "") for (const l of r.lexemes.split(LEXEME_SEPARATOR)) add(words.text, l, s);
  });
  ix.size = end;
  ix.alive = grow(ix.alive, end);
  for (let s = first; s < end; s++) ix.alive[s] = 1;
  return { slots: rows.map((_, k) => first + k), words };
}

/**
 * A whole index, from the model rows given batch by batch (each batch may be dropped once added, so a
 * large catalog's rows never all sit in memory at once): `add` each batch, then `finish`.
 */
export function startIndex(version: { generation: string; usageAt: string }, teams: Team[], vocabulary: string[]) {
  const empty = () => new Int32Array(0);
  const ix: CatalogIndex = {
    ...version, size: 0, alive: new Uint8Array(0), dead: 0, ids: [], rowOf: new Map(),
    cols: Object.fromEntries(INT_COLUMNS.map((c) => [c, empty()])) as Record<IntColumn, Int32Array>,
    tagCodes: empty(), tagUsed: 0, calls30d: new Float64Array(0), updatedAt: new Float64Array(0), title: [], cards: [],
    dict: { task: dict(), framework: dict(), license: dict(), tag: dict(), visibility: dict() },
    teams: teamsOf(teams), exact: new Map(),
    nameWords: buildPostings(new Map()), middleWords: buildPostings(new Map()), text: buildPostings(new Map()),
    order: { name: empty(), most_used: empty(), updated: empty() }, nameRank: empty(),
    vocabulary: [...vocabulary].sort(byCodeUnit),
  };
  const words = noWords();
  return {
    add: (rows: ModelRow[]) => void writeSlots(ix, rows, words),
    finish: (): CatalogIndex => {
      ix.text = buildPostings(words.text);
      ix.nameWords = buildPostings(words.nameWords);
      ix.middleWords = buildPostings(words.middleWords);
      const all = Int32Array.from({ length: ix.size }, (_, s) => s);
      ix.order.name = all.slice().sort(nameCmp(ix));
      ix.nameRank = rank(ix.order.name, ix.size);
      ix.order.updated = all.slice().sort(updatedCmp(ix));
      ix.order.most_used = all.slice().sort(usedCmp(ix));
      return ix;
    },
  };
}

/** A whole index from every model row. */
export function buildIndex(version: { generation: string; usageAt: string }, rows: ModelRow[], teams: Team[], vocabulary: string[]): CatalogIndex {
  const builder = startIndex(version, teams, vocabulary);
  builder.add(rows);
  return builder.finish();
}
function dict(): Dictionary {
  return { values: [], codes: new Map() };
}

/**
 * A new snapshot with the changed models replaced: `rows` are their current rows, `changedIds` every model
 * id that changed (ids without a row were deleted). The previous snapshot stays valid.
 */
export function patchIndex(
  prev: CatalogIndex,
  version: { generation: string; usageAt: string },
  change: { changedIds: string[]; rows: ModelRow[]; teams: Team[]; newTerms: string[] },
): CatalogIndex {
  const ix: CatalogIndex = { ...prev, ...version, cols: { ...prev.cols }, alive: prev.alive.slice(), teams: teamsOf(change.teams, prev.teams) };
  let killed = 0;
  for (const id of change.changedIds) {
    const s = ix.rowOf.get(id);
    if (s !== undefined && s < prev.size && ix.alive[s] === 1) {
      ix.alive[s] = 0;
      killed++;
    }
  }
  // Rows may hold the ids in any order; the slots are new, so postings stay ascending.
  const { slots, words } = writeSlots(ix, change.rows);
  for (const id of change.changedIds) if (!change.rows.some((r) => r.id === id)) ix.rowOf.delete(id);
  ix.dead = prev.dead + killed;
  ix.text = appendPostings(prev.text, words.text);
  ix.nameWords = appendPostings(prev.nameWords, words.nameWords);
  ix.middleWords = appendPostings(prev.middleWords, words.middleWords);
  ix.order = { ...prev.order, name: patchOrder(prev.order.name, ix.alive, slots, nameCmp(ix)) };
  ix.nameRank = rank(ix.order.name, ix.size);
  ix.order.updated = patchOrder(prev.order.updated, ix.alive, slots, updatedCmp(ix));
  ix.order.most_used = patchOrder(prev.order.most_used, ix.alive, slots, usedCmp(ix));
  if (change.newTerms.length > 0) {
    const known = new Set(prev.vocabulary);
    const fresh = change.newTerms.filter((t) => !known.has(t));
    if (fresh.length > 0) ix.vocabulary = [...prev.vocabulary, ...fresh].sort(byCodeUnit);
  }
  return ix;
}

/** The same index with new 30-day call figures (model id → calls) and the most-used order they imply. */
export function withUsage(prev: CatalogIndex, usageAt: string, calls: Map<string, number>): CatalogIndex {
  const ix: CatalogIndex = { ...prev, usageAt, calls30d: new Float64Array(prev.calls30d.length) };
  for (const [id, c] of calls) {
    const s = ix.rowOf.get(id);
    if (s !== undefined && s < ix.size) ix.calls30d[s] = c;
  }
  ix.order = { ...prev.order, most_used: prev.order.name.slice().sort(usedCmp(ix)) };
  return ix;
}
