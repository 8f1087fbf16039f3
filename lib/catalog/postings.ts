// Sorted keys with the ascending slots of each: the catalog index's lexeme and word lookups. Pure.
//
// Patching appends slots that are larger than every slot a previous snapshot knows. Lists are therefore
// replaced in place (a reader of an older snapshot meets slots beyond its size and ignores them), while keys
// never seen before go to a small sorted overflow that is copied on write, so a patch costs in proportion to
// the change, not to the number of keys. The overflow is merged in once it grows.

export type Postings = { keys: string[]; lists: Int32Array[]; extraKeys: string[]; extraLists: Int32Array[] };

/** First index in the sorted keys that is >= value (code-unit order, as PostgreSQL's "C" collation). */
export function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const MAX_EXTRA = 2000;

/** Postings from key → ascending slots. */
export function buildPostings(byKey: Map<string, number[]>): Postings {
  const keys = [...byKey.keys()].sort(byCodeUnit);
  return { keys, lists: keys.map((k) => Int32Array.from(byKey.get(k) ?? [])), extraKeys: [], extraLists: [] };
}

function appended(list: Int32Array, slots: number[]): Int32Array {
  const out = new Int32Array(list.length + slots.length);
  out.set(list);
  out.set(slots, list.length);
  return out;
}

/** Postings with the given (new, larger) slots appended under their keys. */
export function appendPostings(p: Postings, added: Map<string, number[]>): Postings {
  if (added.size === 0) return p;
  let extraKeys = p.extraKeys;
  let extraLists = p.extraLists;
  let copied = false;
  for (const [key, slots] of added) {
    const i = lowerBound(p.keys, key);
    if (p.keys[i] === key) {
      p.lists[i] = appended(p.lists[i], slots);
      continue;
    }
    if (!copied) {
      extraKeys = [...extraKeys];
      extraLists = [...extraLists];
      copied = true;
    }
    const j = lowerBound(extraKeys, key);
    if (extraKeys[j] === key) extraLists[j] = appended(extraLists[j], slots);
    else {
      extraKeys.splice(j, 0, key);
      extraLists.splice(j, 0, Int32Array.from(slots));
    }
  }
  if (extraKeys.length <= MAX_EXTRA) return { keys: p.keys, lists: p.lists, extraKeys, extraLists };
  const merged = new Map<string, number[]>();
  p.keys.forEach((k, i) => merged.set(k, Array.from(p.lists[i])));
  extraKeys.forEach((k, i) => merged.set(k, Array.from(extraLists[i])));
  return buildPostings(merged);
}

/** Calls visit for every slot listed under the key (exact) or under every key starting with it (prefix). */
export function forEachPosting(p: Postings, key: string, prefix: boolean, visit: (slot: number) => void): void {
  for (const [keys, lists] of [[p.keys, p.lists], [p.extraKeys, p.extraLists]] as const) {
    for (let k = lowerBound(keys, key); k < keys.length && (prefix ? keys[k].startsWith(key) : keys[k] === key); k++) {
      const list = lists[k];
      for (let j = 0; j < list.length; j++) visit(list[j]);
      if (!prefix) break;
    }
  }
}
