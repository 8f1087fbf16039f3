// Pure helpers for turning what someone typed into full-text query strings; no database here.

/** Lower-case words of a query (letters and digits only, so they are safe inside a tsquery string). */
export function queryWords(q: string): string[] {
  const words = q
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return [...new Set(words)].slice(0, 8);
}

/**
 * Optimal-string-alignment distance: edits, with a swap of two neighbouring letters counting as one
 * ("iirs" → "iris" is one typo, where plain Levenshtein says two).
 */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** How many typos a word of this length may carry and still be corrected. */
export function allowedTypos(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 7 ? 1 : 2;
}

/** The closest candidates within the allowed typos (all of the best distance, at most three). */
export function pickCorrections(word: string, candidates: string[]): string[] {
  const limit = allowedTypos(word);
  const scored = candidates
    .map((term) => ({ term, distance: typoDistance(word, term) }))
    .filter((c) => c.distance <= limit && c.term !== word);
  if (scored.length === 0) return [];
  const best = Math.min(...scored.map((c) => c.distance));
  return scored
    .filter((c) => c.distance === best)
    .slice(0, 3)
    .map((c) => c.term);
}

/**
 * Builds the tsquery text: every word must match, as a prefix (`sentim:*`) or through one of its
 * corrections (also as prefixes). `weights` restricts matches to those weight classes of the search
 * document (A = names, B = summary, tags and task) for the relevance tiers.
 */
export function buildTsquery(words: { word: string; corrections: string[] }[], weights = ""): string {
  return words.map(({ word, corrections }) => `(${[word, ...corrections].map((w) => `${w}:*${weights}`).join(" | ")})`).join(" & ");
}
