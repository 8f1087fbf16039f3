import "server-only";
import { db } from "@/lib/db";
import { pickCorrections, queryWords } from "@/lib/catalog/search-text";

export type ExpandedWord = { word: string; corrections: string[] };

/**
 * Looks each query word up in the catalog vocabulary (search_terms). A word that is a known word or the
 * prefix of one is searched as typed (as a prefix); an unknown word gets its closest vocabulary words as
 * corrections: candidates come from pg_trgm similarity and edit distance, then the typo distance decides.
 */
export async function expandQueryWords(q: string): Promise<ExpandedWord[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const rows = await db.$queryRaw<{ word: string; candidates: string[] }[]>`
    SELECT w AS word,
           CASE WHEN length(w) < 4 OR EXISTS (SELECT 1 FROM search_terms t WHERE t.term LIKE w || '%') THEN ARRAY[]::text[]
                ELSE ARRAY(SELECT t.term FROM search_terms t
                            WHERE length(t.term) BETWEEN length(w) - 2 AND length(w) + 2
                              AND (t.term % w OR levenshtein_less_equal(t.term, w, 2) <= 2)
                            ORDER BY levenshtein_less_equal(t.term, w, 2), similarity(t.term, w) DESC, t.term
                            LIMIT 20)
           END AS candidates
      FROM unnest(${words}::text[]) AS w`;
  const byWord = new Map(rows.map((r) => [r.word, r.candidates]));
  return words.map((word) => ({ word, corrections: pickCorrections(word, byWord.get(word) ?? []) }));
}
