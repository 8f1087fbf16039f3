import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";

// A database of its own whose vocabulary (search_terms) is exactly this list.
const VOCABULARY = [
  "iris",
  "flower",
  "sentiment",
  "fraud",
  "churn",
  "credit",
  "risk",
  "image",
  "speech",
  "translation",
  "forecast",
  "demand",
  "price",
  "classifier",
  "classify",
  "classification",
  "clarifier",
  "regressor",
  "detector",
  "model",
  "models",
  "modal",
  "pricing",
  "prices",
  "trained",
  "training",
  "trainer",
  "rain",
  "brain",
  "question",
  "questions",
  "answering",
  "clause",
  "cause",
  "legal",
  "regal",
];

let expandWords: typeof import("@/lib/catalog/correct-words").expandWords;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  const { kdb } = await import("@/lib/server/db");
  const { sql } = await import("kysely");
  await sql`INSERT INTO search_terms (term) SELECT unnest(${VOCABULARY}::text[])`.execute(kdb());
  expandWords = (await import("@/lib/catalog/correct-words")).expandWords;
});

const corrections = async (q: string) => Object.fromEntries((await expandWords(q)).map((w) => [w.word, w.corrections]));

describe("expandWords", () => {
  it("corrects typos to the closest vocabulary words (a swap of neighbouring letters is one typo)", async () => {
    expect(await corrections("iirs")).toEqual({ iirs: ["iris"] });
    expect(await corrections("pricng")).toEqual({ pricng: ["pricing"] });
    expect(await corrections("modle")).toEqual({ modle: ["model"] });
    // two typos are allowed from seven letters on; every correction at the best distance is kept
    expect(await corrections("clasifier")).toEqual({ clasifier: ["classifier", "clarifier"] });
    expect(await corrections("sentimnet fruad")).toEqual({ sentimnet: ["sentiment"], fruad: ["fraud"] });
  });

  it("searches known words, prefixes of known words and short words as typed", async () => {
    expect(await corrections("sentim clas risk")).toEqual({ sentim: [], clas: [], risk: [] });
    expect(await corrections("xyz")).toEqual({ xyz: [] });
  });

  it("offers nothing for a word far from every vocabulary word", async () => {
    expect(await corrections("zzzqqq")).toEqual({ zzzqqq: [] });
    expect(await corrections("iirsxx")).toEqual({ iirsxx: [] });
  });

  it("splits what was typed into at most eight lower-case words", async () => {
    expect((await expandWords("  Iris-Classifier & 'drop table'; ")).map((w) => w.word)).toEqual(["iris", "classifier", "drop", "table"]);
    expect(await expandWords(" -- ")).toEqual([]);
  });
});
