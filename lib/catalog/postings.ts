// Sorted keys with the ascending slots of each: the catalog index's lexeme and token lookups. Pure.

export type Postings = { keys: string[]; lists: Int32Array[] };

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

/** Builds postings from (key, slot) pairs given slot by slot in ascending slot order. */
export function buildPostings(keysOfSlot: (add: (key: string, slot: number) => void) => void): Postings {
  const byKey = new Map<string, number[]>();
  keysOfSlot((key, slot) => {
    const list = byKey.get(key);
    if (!list) byKey.set(key, [slot]);
    else if (list[list.length - 1] !== slot) list.push(slot);
  });
  const keys = [...byKey.keys()].sort(byCodeUnit);
  return { keys, lists: keys.map((k) => Int32Array.from(byKey.get(k) ?? [])) };
}

/**
 * New postings with the given slots appended (they are larger than every slot already listed, so lists stay
 * ascending). The old postings are left untouched: searches still running on the previous snapshot see them.
 */
export function appendPostings(p: Postings, added: Map<string, number[]>): Postings {
  if (added.size === 0) return p;
  const fresh = [...added.keys()].filter((k) => {
    const i = lowerBound(p.keys, k);
    return p.keys[i] !== k;
  });
  let keys = p.keys;
  let lists = p.lists.slice();
  if (fresh.length > 0) {
    // Merge the new keys into the sorted ones (one linear pass; no re-sort of every key).
    fresh.sort(byCodeUnit);
    keys = [];
    lists = [];
    let i = 0;
    for (const k of fresh) {
      while (i < p.keys.length && p.keys[i] < k) {
        keys.push(p.keys[i]);
        lists.push(p.lists[i++]);
      }
      keys.push(k);
      lists.push(new Int32Array(0));
    }
    for (; i < p.keys.length; i++) {
      keys.push(p.keys[i]);
      lists.push(p.lists[i]);
    }
  }
  for (const [key, slots] of added) {
    const i = lowerBound(keys, key);
    const list = new Int32Array(lists[i].length + slots.length);
    list.set(lists[i]);
    list.set(slots, lists[i].length);
    lists[i] = list;
  }
  return { keys, lists };
}

/** Calls visit for every slot listed under the key (exact) or under every key starting with it (prefix). */
export function forEachPosting(p: Postings, key: string, prefix: boolean, visit: (slot: number) => void): void {
  for (let k = lowerBound(p.keys, key); k < p.keys.length && (prefix ? p.keys[k].startsWith(key) : p.keys[k] === key); k++) {
    const list = p.lists[k];
    for (let j = 0; j < list.length; j++) visit(list[j]);
    if (!prefix) break;
  }
}
