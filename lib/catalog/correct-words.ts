import "server-only";
import { sql } from "kysely";
import { pickCorrections, queryWords } from "@/lib/catalog/search-text";
import { kdb } from "@/lib/server/db";

export type ExpandedWord = { word: string; corrections: string[] };

/**
 * The query's words, each looked up in the catalog vocabulary (search_terms). A word that is known or the
 * prefix of a known word (or shorter than 4 letters) is searched as typed; an unknown word gets its closest
 * vocabulary words as corrections: candidates within two letters of its length that are trigram-similar
 * (pg_trgm's index) or within two edits (fuzzystrmatch), of which the typo distance keeps the best.
 * One subquery per word, its values bound as parameters, so the prefix check is a range on the primary key
 * and the similarity search uses the trigram index.
 */
export async function expandWords(q: string): Promise<ExpandedWord[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const lookups = words.map((w) => {
    const [shortest, longest] = [w.length - 2, w.length + 2];
    // Words are letters and digits only (queryWords), so `w%` is a plain prefix pattern.
    return sql<{ word: string; candidates: string[] }>`
      SELECT ${w}::text AS word,
             CASE WHEN ${w.length < 4} OR EXISTS (SELECT 1 FROM search_terms WHERE term LIKE ${`${w}%`}) THEN ARRAY[]::text[]
                  ELSE ARRAY(SELECT c.term FROM (SELECT term FROM search_terms WHERE term % ${w}
                                                 UNION SELECT term FROM search_terms
                                                  WHERE length(term) BETWEEN ${shortest} AND ${longest} AND levenshtein_less_equal(term, ${w}, 2) <= 2) c
                              WHERE length(c.term) BETWEEN ${shortest} AND ${longest}
                              ORDER BY levenshtein_less_equal(c.term, ${w}, 2), similarity(c.term, ${w}) DESC, c.term
                              LIMIT 20)
             END AS candidates`;
  });
  const { rows } = await sql<{ word: string; candidates: string[] }>`${sql.join(lookups, sql` UNION ALL `)}`.execute(kdb());
  const byWord = new Map(rows.map((r) => [r.word, r.candidates]));
  return words.map((word) => ({ word, corrections: pickCorrections(word, byWord.get(word) ?? []) }));
}
