import { describe, expect, it } from "vitest";
import { parseTsquery } from "@/lib/catalog/match-text";

describe("parseTsquery", () => {
  it("reads PostgreSQL's normalised tsquery text with & above |", () => {
    expect(parseTsquery("'classifi':* & ( 'risk':* | 'rsk':* )")).toEqual({
      op: "&",
      left: { lexeme: "classifi", prefix: true },
      right: { op: "|", left: { lexeme: "risk", prefix: true }, right: { lexeme: "rsk", prefix: true } },
    });
    expect(parseTsquery("'a' | 'b' & 'c'")).toEqual({
      op: "|", left: { lexeme: "a", prefix: false }, right: { op: "&", left: { lexeme: "b", prefix: false }, right: { lexeme: "c", prefix: false } },
    });
    expect(parseTsquery("'o''neil':*")).toEqual({ lexeme: "o'neil", prefix: true });
  });

  it("refuses what it does not evaluate (the database answers those)", () => {
    expect(parseTsquery("'iri':*A")).toBeNull();
    expect(parseTsquery("'o':* <-> 'neil':*")).toBeNull();
    expect(parseTsquery("!'iri'")).toBeNull();
    expect(parseTsquery("( 'iri':*")).toBeNull();
  });
});
