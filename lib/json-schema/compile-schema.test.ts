import { describe, expect, it } from "vitest";
import { compileJsonSchema, firstSchemaProblem, isSchemaCompileError, SCHEMA_DIALECT } from "@/lib/json-schema/compile-schema";

describe("the portal's one JSON Schema configuration", () => {
  it("reads 2020-12: prefixItems, $defs and the 2020-12 $schema (draft-07 Ajv ignored prefixItems)", () => {
    const schema = {
      $schema: SCHEMA_DIALECT,
      type: "object",
      $defs: { pair: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false } },
      properties: { p: { $ref: "#/$defs/pair" } },
    };
    expect(firstSchemaProblem(schema, { p: ["a", 1] })).toBeNull();
    expect(firstSchemaProblem(schema, { p: [1, "a"] })).toMatchObject({ pointer: "/p/0", keyword: "type" });
    expect(firstSchemaProblem(schema, { p: ["a", 1, 2] })).toMatchObject({ pointer: "/p" });
  });

  it("checks formats (ajv-formats)", () => {
    const schema = {
      type: "object",
      properties: { at: { type: "string", format: "date-time" }, mail: { type: "string", format: "email" } },
    };
    expect(firstSchemaProblem(schema, { at: "2026-12-03T10:00:00Z", mail: "a@b.example" })).toBeNull();
    expect(firstSchemaProblem(schema, { at: "yesterday" })).toMatchObject({ pointer: "/at", keyword: "format" });
  });

  it("evaluates pattern, patternProperties and propertyNames with JSON Schema's unanchored semantics", () => {
    const schema = {
      type: "object",
      properties: { code: { type: "string", pattern: "[0-9]{3}" }, word: { type: "string", pattern: "^(\\w+\\s?)*$" } },
      patternProperties: { "^x-": { type: "number" } },
      propertyNames: { pattern: "^[a-z-]+$" },
    };
    expect(firstSchemaProblem(schema, { code: "ab123cd", word: "two words", "x-a": 1 })).toBeNull();
    expect(firstSchemaProblem(schema, { code: "ab12" })).toMatchObject({ pointer: "/code", keyword: "pattern" });
    expect(firstSchemaProblem(schema, { "x-a": "no" })).toMatchObject({ pointer: "/x-a", keyword: "type" });
    expect(firstSchemaProblem(schema, { Upper: 1 })).toMatchObject({ keyword: "pattern" });
    // The review's catastrophic input for a backtracking engine: answered (and refused) by RE2.
    expect(firstSchemaProblem(schema, { word: `${"a".repeat(40_000)}!` })).toMatchObject({ pointer: "/word", keyword: "pattern" });
  });

  it("keeps patterns apart: two schemas with different patterns do not share a compiled pattern", () => {
    expect(firstSchemaProblem({ type: "string", pattern: "^a+$" }, "aaa")).toBeNull();
    expect(firstSchemaProblem({ type: "string", pattern: "^b+$" }, "aaa")).toMatchObject({ keyword: "pattern" });
    expect(
      firstSchemaProblem({ type: "object", properties: { a: { pattern: "^a$" }, b: { pattern: "^b$" } } }, { a: "a", b: "a" }),
    ).toMatchObject({ pointer: "/b" });
  });

  it("refuses patterns that need backtracking (lookaround, backreferences) with a readable reason", () => {
    for (const pattern of ["^(?=.*\\d).+$", "^(a)\\1$", "(?<!x)y"]) {
      let error: unknown;
      try {
        compileJsonSchema({ type: "string", pattern });
      } catch (e) {
        error = e;
      }
      expect(isSchemaCompileError(error), pattern).toBe(true);
      expect((error as Error).message).toMatch(/linear time/);
    }
  });

  it("refuses other dialects instead of reading them as 2020-12, and invalid schemas", () => {
    expect(() => compileJsonSchema({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" })).toThrow(/2020-12/);
    expect(() => compileJsonSchema({ type: "strin" })).toThrow();
    expect(() => compileJsonSchema([])).toThrow(/JSON object/);
  });

  it("compiles a schema with an $id again and again (Ajv alone refuses a second schema with the same $id)", () => {
    for (let i = 0; i < 3; i++) {
      const schema = { $id: "https://example.test/s.json", type: "object", properties: { n: { type: "integer", minimum: i } } };
      expect(firstSchemaProblem(schema, { n: i })).toBeNull();
      expect(firstSchemaProblem(schema, { n: i - 1 })).toMatchObject({ keyword: "minimum" });
    }
  });
});
