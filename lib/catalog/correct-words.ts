// Typo and prefix correction against the in-memory catalog vocabulary (the words of search_terms, sorted),
// mirroring what the former per-query SQL did with pg_trgm and fuzzystrmatch — without a database round
// trip. Pure: correct-words.test.ts compares it with that SQL over the same vocabulary.
import { lowerBound } from "@/lib/catalog/postings";
import { pickCorrections, queryWords } from "@/lib/catalog/search-text";

export type ExpandedWord = { word: string; corrections: string[] };

// Three DP rows reused across calls (words are at most a few dozen letters; longer ones get fresh rows).
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Edit distance, or max + 1 as soon as it must exceed max; `swaps` counts a neighbour swap as one edit. */
export function boundedDistance(a: string, b: string, max: number, swaps: boolean): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) rows = rows.map(() => new Int32Array(b.length * 2 + 1));
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell derives from this row or (a swap) the one before: both beyond max means the result is.
    if (rowMin > max && (!swaps || prevMin > max)) return max + 1;
    prevMin = rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length], max + 1);
}

/** pg_trgm's trigrams of one lower-case alphanumeric word: padded with two blanks in front, one behind. */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** pg_trgm's similarity(a, b) for single words: shared trigrams over all distinct trigrams. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const all = ta.size + tb.size - shared;
  return all === 0 ? 0 : shared / all;
}

const SIMILARITY_THRESHOLD = 0.3; // pg_trgm.similarity_threshold's default, as `%` used it
const CANDIDATES = 20;

/**
 * A word that is known or the prefix of a known word (or shorter than 4 letters) is searched as typed; an
 * unknown word gets its closest vocabulary words: candidates within two letters of its length that are
 * within two edits or trigram-similar, ordered by edit distance, similarity and spelling (the first 20),
 * of which the typo distance keeps the best (see pickCorrections).
 */
export function correctWord(vocabulary: readonly string[], word: string): string[] {
  if (word.length < 4) return [];
  const at = lowerBound(vocabulary, word);
  if (at < vocabulary.length && vocabulary[at].startsWith(word)) return [];
  const candidates: { term: string; edits: number; similarity: number }[] = [];
  const counts = new Int32Array(128);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) & 127]++;
  for (const term of vocabulary) {
    if (Math.abs(term.length - word.length) > 2) continue;
    // Letters the two do not share: an edit changes that count by at most two, a swap not at all, so
    // more than four means more than two edits either way (and no distance needs computing).
    let unshared = 0;
    for (let i = 0; i < term.length; i++) if (--counts[term.charCodeAt(i) & 127] < 0) unshared++;
    for (let i = 0; i < term.length; i++) counts[term.charCodeAt(i) & 127]++;
    if (unshared + Math.max(0, word.length - term.length + unshared) > 4) continue;
    // Only words within two typos can become corrections; others could only have taken candidate places
    // behind every word within two edits, so they are looked at only when they are typo-close too.
    const edits = boundedDistance(term, word, 2, false);
    if (edits > 2 && boundedDistance(term, word, 2, true) > 2) continue;
    const similarity = trigramSimilarity(term, word);
    if (edits <= 2 || similarity >= SIMILARITY_THRESHOLD) candidates.push({ term, edits, similarity });
  }
  candidates.sort((x, y) => x.edits - y.edits || y.similarity - x.similarity || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return pickCorrections(word, candidates.slice(0, CANDIDATES).map((c) => c.term));
}

/** The query's words, each with its corrections against the vocabulary. */
export function expandWords(vocabulary: readonly string[], q: string): ExpandedWord[] {
  return queryWords(q).map((word) => ({ word, corrections: correctWord(vocabulary, word) }));
}
