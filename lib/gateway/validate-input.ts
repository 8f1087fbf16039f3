import { firstSchemaProblem, isSchemaCompileError, type SchemaProblem } from "@/lib/json-schema/compile-schema";
import { AppError } from "@/lib/server/errors";

// Validators come from the portal's one JSON Schema configuration (lib/json-schema), which caches them per
// distinct schema text; patterns run on a linear-time engine, so no input can stall the event loop.

/** Throws 422 schema_validation_failed with the JSON pointer of the first problem. No schema = any JSON. */
export function validateInput(schema: unknown, input: unknown): void {
  const problem = firstProblem(schema, input);
  if (!problem) return;
  const { schemaPath: _path, ...details } = problem;
  throw new AppError("schema_validation_failed", `The input is invalid at ${problem.pointer || "/"}: ${problem.message}.`, { details });
}

/** The model's answer must match the version's output schema, else 502: a broken upstream is not passed on. */
export function validateOutput(schema: unknown, output: unknown): void {
  const problem = firstProblem(schema, output);
  if (!problem) return;
  throw new AppError(
    "upstream_error",
    `The model's answer does not match its output schema at ${problem.pointer || "/"}: ${problem.message}.`,
    { details: { pointer: problem.pointer } },
  );
}

function firstProblem(schema: unknown, value: unknown): SchemaProblem | null {
  if (schema === null || schema === undefined) return null;
  try {
    return firstSchemaProblem(schema, value);
  } catch (error) {
    if (isSchemaCompileError(error)) throw new AppError("unprocessable", `This version's JSON schema cannot be used: ${error.message}`);
    throw error;
  }
}
