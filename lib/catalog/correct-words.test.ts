import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { boundedDistance, correctWord, trigramSimilarity } from "@/lib/catalog/correct-words";
import { pickCorrections } from "@/lib/catalog/search-text";

// The in-memory correction must give what the per-query SQL (pg_trgm + fuzzystrmatch) it replaced gave.
const SQL_CANDIDATES = `
  SELECT w AS word,
         CASE WHEN length(w) < 4 OR EXISTS (SELECT 1 FROM search_terms t WHERE t.term LIKE w || '%') THEN ARRAY[]::text[]
              ELSE ARRAY(SELECT t.term FROM search_terms t
                          WHERE length(t.term) BETWEEN length(w) - 2 AND length(w) + 2
                            AND (t.term % w OR levenshtein_less_equal(t.term, w, 2) <= 2)
                          ORDER BY levenshtein_less_equal(t.term, w, 2), similarity(t.term, w) DESC, t.term
                          LIMIT 20)
         END AS candidates
    FROM unnest($1::text[]) AS w`;

const VOCABULARY = [
  "iris", "flower", "sentiment", "fraud", "churn", "credit", "risk", "image", "speech", "translation", "forecast", "demand", "price",
  "anomaly", "detection", "recommendation", "ranking", "toxicity", "spam", "invoice", "document", "receipt", "face", "object",
  "segmentation", "retail", "insurance", "claims", "weather", "energy", "traffic", "medical", "radiology", "tumor", "genomics",
  "classifier", "classify", "classification", "regressor", "detector", "model", "models", "modal", "scorer", "ranker", "tagger",
  "encoder", "decoder", "generator", "predictor", "pricing", "prices", "priced", "trained", "training", "trainer", "rain", "brain",
  "resume", "resumes", "result", "results", "question", "questions", "answering", "answer", "clause", "cause", "claus", "legal", "regal",
];

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
  await client.query(`INSERT INTO search_terms (term) SELECT unnest($1::text[])`, [VOCABULARY]);
});
afterAll(async () => client?.end());

function typos(word: string, r: () => number): string[] {
  const i = 1 + Math.floor(r() * (word.length - 2));
  return [
    word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2),
    word.slice(0, i) + word.slice(i + 1),
    `${word.slice(0, i)}x${word.slice(i + 1)}`,
    `${word.slice(0, i)}${word[i]}${word.slice(i)}`,
    `${word.slice(0, i)}xy${word.slice(i + 2)}`,
  ];
}

describe("correctWord", () => {
  it("picks the same corrections as the SQL it replaced, for typos, prefixes, known and unknown words", async () => {
    let s = 5;
    const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const words = [...new Set([...VOCABULARY.flatMap((w) => typos(w, r)), "sentim", "clas", "zzzqqq", "iirs", "modle", "xyz", "pricng", "tranining"])];
    const { rows } = await client.query<{ word: string; candidates: string[] }>(SQL_CANDIDATES, [words]);
    const vocabulary = [...VOCABULARY].sort();
    const expected = Object.fromEntries(rows.map((row) => [row.word, pickCorrections(row.word, row.candidates)]));
    const actual = Object.fromEntries(words.map((w) => [w, correctWord(vocabulary, w)]));
    expect(actual).toEqual(expected);
    expect(actual.iirs).toEqual(["iris"]);
    expect(Object.values(actual).filter((c) => c.length > 0).length).toBeGreaterThan(100);
  });

  it("computes pg_trgm's similarity and bounded edit distances", async () => {
    const pairs = [["iris", "iirs"], ["classifier", "clasifier"], ["model", "modal"], ["abc", "xyz"], ["sentiment", "sentim"]];
    for (const [a, b] of pairs) {
      const { rows: [row] } = await client.query<{ s: number }>(`SELECT similarity($1, $2)::float8 AS s`, [a, b]);
      expect(trigramSimilarity(a, b)).toBeCloseTo(row.s, 5);
    }
    expect(boundedDistance("iris", "iirs", 2, false)).toBe(2);
    expect(boundedDistance("iris", "iirs", 2, true)).toBe(1);
    expect(boundedDistance("classifier", "xyz", 2, false)).toBe(3);
  });
});
