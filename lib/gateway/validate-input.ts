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
  const problem = firstProblem(`in:${cacheKey}`, schema, input);
  if (!problem) return;
  throw new AppError("schema_validation_failed", `The input is invalid at ${problem.pointer || "/"}: ${problem.message}.`, { details: problem });
}

/** The model's answer must match the version's output schema, else 502: a broken upstream is not passed on. */
export function validateOutput(cacheKey: string, schema: unknown, output: unknown): void {
  const problem = firstProblem(`out:${cacheKey}`, schema, output);
  if (!problem) return;
  throw new AppError("upstream_error", `The model's answer does not match its output schema at ${problem.pointer || "/"}: ${problem.message}.`, { details: { pointer: problem.pointer } });
}

type Problem = { pointer: string; message: string; keyword: string | null; params: unknown };

function firstProblem(cacheKey: string, schema: unknown, value: unknown): Problem | null {
  if (schema === null || schema === undefined) return null;
  const { ajv, cache } = store();
  let validate = cache.get(cacheKey);
  if (!validate) {
    try {
      const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
      validate = ajv.compile(rest);
    } catch (error) {
      throw new AppError("unprocessable", `This version's JSON schema cannot be used: ${(error as Error).message}`);
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, validate);
  }
  if (validate(value)) return null;
  const first = validate.errors?.[0];
  return { pointer: first?.instancePath ?? "", message: first?.message ?? "does not match the schema", keyword: first?.keyword ?? null, params: first?.params ?? null };
}
