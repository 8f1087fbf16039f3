import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { AppError } from "@/lib/http/errors";

// One Ajv for the process; compiled validators are cached by schema identity inside Ajv.
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);

/** Compiles a publisher-supplied JSON Schema; 422 when it is not a valid schema. */
export function compileSchema(schema: unknown, field: "inputSchema" | "outputSchema"): ValidateFunction {
  try {
    return ajv.compile(schema as object);
  } catch (error) {
    throw new AppError("unprocessable", `The ${field === "inputSchema" ? "input" : "output"} schema is not a valid JSON Schema: ${(error as Error).message}.`, { details: { field } });
  }
}

/** Checks the example input against the input schema: 422 with the JSON pointer of the first problem. */
export function validateExampleInput(schema: unknown, example: unknown): void {
  if (example === undefined || example === null || !schema) return;
  const validate = compileSchema(schema, "inputSchema");
  if (validate(example)) return;
  const first = validate.errors?.[0];
  const pointer = first?.instancePath || "";
  const where = pointer ? `at ${pointer}` : "at the top level";
  throw new AppError("schema_validation_failed", `The example input does not match the input schema ${where}: ${first?.message ?? "invalid"}.`, {
    details: { field: "exampleInput", pointer, schemaPath: first?.schemaPath },
  });
}
