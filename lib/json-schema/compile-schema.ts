import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { linearRegExp } from "@/lib/json-schema/linear-regexp";

// The one JSON Schema configuration of the portal: draft 2020-12, ajv-formats, linear-time patterns. Publishing,
// the review checklist and the gateway all compile a version's schemas here, so an example that passes at
// publish passes the checklist and the gateway too.

export const SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
const ACCEPTED_DIALECTS = new Set([SCHEMA_DIALECT, `${SCHEMA_DIALECT}#`]);
const MAX_CACHED = 1000;

type Store = { ajv: Ajv2020; cache: Map<string, ValidateFunction>; byObject: WeakMap<object, ValidateFunction> };
let created: Store | undefined;

function store(): Store {
  if (!created) {
    const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, code: { regExp: linearRegExp } });
    addFormats(ajv);
    created = { ajv, cache: new Map(), byObject: new WeakMap() };
  }
  return created;
}

export type SchemaProblem = { pointer: string; message: string; keyword: string | null; params: unknown; schemaPath: string };

/** A schema that cannot be used: not an object, another dialect, invalid against 2020-12, or a pattern RE2 refuses. */
export class SchemaCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaCompileError";
  }
}

export const isSchemaCompileError = (error: unknown): error is SchemaCompileError => error instanceof SchemaCompileError;

/**
 * The validator for a schema, compiled once per distinct schema text (LRU of 1,000) and remembered per schema
 * object (the gateway's cached version rows hand in the same object on every call, so the hot path skips even
 * the text key). `$schema` may name 2020-12 or be absent; any other dialect is refused rather than silently
 * read as 2020-12.
 */
export function compileJsonSchema(schema: unknown): ValidateFunction {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema))
    throw new SchemaCompileError("a schema must be a JSON object");
  const known = store().byObject.get(schema);
  if (known) return known;
  const validate = compileByText(schema as Record<string, unknown>);
  store().byObject.set(schema, validate);
  return validate;
}

function compileByText(schema: Record<string, unknown>): ValidateFunction {
  const { $schema: dialect, ...rest } = schema;
  if (dialect !== undefined && !ACCEPTED_DIALECTS.has(String(dialect))) {
    throw new SchemaCompileError(
      `"$schema" is ${JSON.stringify(dialect)}; Modelport evaluates JSON Schema 2020-12 ("${SCHEMA_DIALECT}"), so set that or leave "$schema" out`,
    );
  }
  const { ajv, cache } = store();
  const key = JSON.stringify(rest);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(rest);
  } catch (error) {
    throw new SchemaCompileError(readableCompileError(error));
  } finally {
    // Our cache owns compiled validators; Ajv's own (keyed by object identity, and by $id) would only grow.
    ajv.removeSchema(rest);
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, validate);
  return validate;
}

function readableCompileError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  if (/^RE2JS/.test((error as Error)?.name ?? "")) {
    return `a pattern cannot be evaluated in linear time (${message.replace(/^error parsing regexp: /, "")}); lookaround and backreferences are not supported`;
  }
  return message;
}

/** The first problem of `value` against `schema`, or null when it is valid. Throws SchemaCompileError. */
export function firstSchemaProblem(schema: unknown, value: unknown): SchemaProblem | null {
  const validate = compileJsonSchema(schema);
  if (validate(value)) return null;
  const first: ErrorObject | undefined = validate.errors?.[0];
  return {
    pointer: first?.instancePath ?? "",
    message: first?.message ?? "does not match the schema",
    keyword: first?.keyword ?? null,
    params: first?.params ?? null,
    schemaPath: first?.schemaPath ?? "",
  };
}
