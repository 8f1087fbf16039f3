import { compileJsonSchema, firstSchemaProblem, isSchemaCompileError } from "@/lib/json-schema/compile-schema";
import { AppError } from "@/lib/server/errors";

/** Compiles a publisher-supplied JSON Schema with the portal's one configuration; 422 when it cannot be used. */
export function compileSchema(schema: unknown, field: "inputSchema" | "outputSchema"): void {
  try {
    compileJsonSchema(schema);
  } catch (error) {
    if (!isSchemaCompileError(error)) throw error;
    throw new AppError(
      "unprocessable",
      `The ${field === "inputSchema" ? "input" : "output"} schema is not a usable JSON Schema: ${error.message}.`,
      { details: { field } },
    );
  }
}

/** Checks the example input against the input schema: 422 with the JSON pointer of the first problem. */
export function validateExampleInput(schema: unknown, example: unknown): void {
  if (example === undefined || example === null || !schema) return;
  compileSchema(schema, "inputSchema");
  const problem = firstSchemaProblem(schema, example);
  if (!problem) return;
  const where = problem.pointer ? `at ${problem.pointer}` : "at the top level";
  throw new AppError("schema_validation_failed", `The example input does not match the input schema ${where}: ${problem.message}.`, {
    details: { field: "exampleInput", pointer: problem.pointer, schemaPath: problem.schemaPath },
  });
}
