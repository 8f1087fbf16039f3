import "server-only";
import { sql } from "kysely";
import { pickCorrections, queryWords } from "@/lib/catalog/search-text";
import { kdb } from "@/lib/server/db";

export type ExpandedWord = { word: string; corrections: string[] };

/**
 * The query's words, each looked up in the catalog vocabulary (search_terms). A word that is known or the
 * prefix of a known word (or shorter than 4 letters) is searched as typed; an unknown word gets its closest
 * vocabulary words as corrections: candidates within two letters of its length that are trigram-similar
 * (pg_trgm) or within two edits (fuzzystrmatch), of which the typo distance keeps the best.
 */
export async function expandWords(q: string): Promise<ExpandedWord[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const { rows } = await sql<{ word: string; candidates: string[] }>`
    SELECT w AS word,
           CASE WHEN length(w) < 4 OR EXISTS (SELECT 1 FROM search_terms t WHERE t.term LIKE w || '%') THEN ARRAY[]::text[]
                ELSE ARRAY(SELECT t.term FROM search_terms t
                            WHERE length(t.term) BETWEEN length(w) - 2 AND length(w) + 2
                              AND (t.term % w OR levenshtein_less_equal(t.term, w, 2) <= 2)
                            ORDER BY levenshtein_less_equal(t.term, w, 2), similarity(t.term, w) DESC, t.term
                            LIMIT 20)
           END AS candidates
      FROM unnest(${words}::text[]) AS w`.execute(kdb());
  const byWord = new Map(rows.map((r) => [r.word, r.candidates]));
  return words.map((word) => ({ word, corrections: pickCorrections(word, byWord.get(word) ?? []) }));
}
