import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { AppError } from "@/lib/http/errors";

// Compiled validators are cached per version (and its updatedAt, since drafts may still change).
const holder = globalThis as unknown as { __modelportValidators?: { ajv: Ajv2020; cache: Map<string, ValidateFunction> } };
const MAX_CACHED = 1000;

function store() {
  if (!holder.__modelportValidators) {
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
    addFormats(ajv);
    holder.__modelportValidators = { ajv, cache: new Map() };
  }
  return holder.__modelportValidators;
}

/** Throws 422 schema_validation_failed with the JSON pointer of the first problem. No schema = any JSON. */
export function validateInput(cacheKey: string, schema: unknown, input: unknown): void {
  if (schema === null || schema === undefined) return;
  const { ajv, cache } = store();
  let validate = cache.get(cacheKey);
  if (!validate) {
    try {
      const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
      validate = ajv.compile(rest);
    } catch (error) {
      throw new AppError("unprocessable", `This version's input schema cannot be used: ${(error as Error).message}`);
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, validate);
  }
  if (validate(input)) return;
  const first = validate.errors?.[0];
  const pointer = first?.instancePath ?? "";
  throw new AppError("schema_validation_failed", `The input is invalid at ${pointer || "/"} : ${first?.message ?? "does not match the input schema"}.`.replace(" :", ":"), {
    details: { pointer, keyword: first?.keyword ?? null, params: first?.params ?? null },
  });
}
