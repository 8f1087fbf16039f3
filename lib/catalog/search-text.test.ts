import { describe, expect, it } from "vitest";
import { buildTsquery, pickCorrections, queryWords, typoDistance } from "@/lib/catalog/search-text";

describe("search text helpers", () => {
  it("splits a query into safe lower-case words", () => {
    expect(queryWords("  Iris-Classifier & 'drop table'; Café ")).toEqual(["iris", "classifier", "drop", "table", "cafe"]);
  });

  it("counts a swap of neighbouring letters as one typo", () => {
    expect(typoDistance("iirs", "iris")).toBe(1);
    expect(typoDistance("sentimnet", "sentiment")).toBe(1);
    expect(typoDistance("fraud", "fraud")).toBe(0);
    expect(typoDistance("kitten", "sitting")).toBe(3);
  });

  it("keeps only the closest corrections within the allowed typos", () => {
    expect(pickCorrections("iirs", ["iris", "irises", "bits"])).toEqual(["iris"]);
    expect(pickCorrections("cat", ["car", "bat"])).toEqual([]);
    expect(pickCorrections("clasifier", ["classifier", "clarifier", "glassifier"])).toEqual(["classifier", "clarifier"]);
  });

  it("builds prefix and weighted tsquery text", () => {
    expect(
      buildTsquery([
        { word: "iirs", corrections: ["iris"] },
        { word: "sentim", corrections: [] },
      ]),
    ).toBe("(iirs:* | iris:*) & (sentim:*)");
    expect(
      buildTsquery(
        [
          { word: "iirs", corrections: ["iris"] },
          { word: "risk", corrections: [] },
        ],
        "AB",
      ),
    ).toBe("(iirs:*AB | iris:*AB) & (risk:*AB)");
  });
});
