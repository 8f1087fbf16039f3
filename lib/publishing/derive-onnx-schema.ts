import "server-only";
import { InferenceSession } from "onnxruntime-node";
import { AppError } from "@/lib/server/errors";
import { SCHEMA_DIALECT } from "@/lib/json-schema/compile-schema";
import { onnxHints, type OnnxHints } from "@/lib/publishing/onnx-hints";
import { readOnnxMetadata } from "@/lib/publishing/read-onnx-metadata";

export type TensorInfo = { name: string; type: string; shape: (number | string)[] };
export type DerivedOnnxSchema = {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  /** Read from the file's metadata_props (docs/publishing.md lists the keys). */
  hints: OnnxHints;
};

const INTEGER_TYPES = new Set(["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]);
const NUMBER_TYPES = new Set(["float16", "float32", "float64", "bfloat16"]);

function elementSchema(type: string): Record<string, unknown> {
  if (NUMBER_TYPES.has(type)) return { type: "number" };
  if (INTEGER_TYPES.has(type)) return { type: "integer" };
  if (type === "bool") return { type: "boolean" };
  if (type === "string") return { type: "string" };
  return {};
}

// A symbolic or unknown dimension (the batch axis "N", or -1) takes any length ≥ 1; a fixed one exactly that.
function tensorSchema(t: TensorInfo): Record<string, unknown> {
  let schema = elementSchema(t.type);
  for (let i = t.shape.length - 1; i >= 0; i--) {
    const dim = t.shape[i];
    const fixed = typeof dim === "number" && dim > 0 ? { minItems: dim, maxItems: dim } : { minItems: 1 };
    schema = { type: "array", items: schema, ...fixed };
  }
  const shape = t.shape.map((d) => (typeof d === "number" && d > 0 ? String(d) : typeof d === "string" && d ? d : "?")).join(", ");
  return { ...schema, description: `${t.type} tensor of shape [${shape}]` };
}

function objectSchema(tensors: TensorInfo[], closed: boolean) {
  return {
    $schema: SCHEMA_DIALECT,
    type: "object",
    required: tensors.map((t) => t.name),
    properties: Object.fromEntries(tensors.map((t) => [t.name, tensorSchema(t)])),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

type Meta = { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] };

function tensorsOf(metadata: readonly Meta[]): TensorInfo[] {
  return metadata.map((m) => ({
    name: m.name,
    type: m.isTensor ? (m.type ?? "unknown") : "non-tensor",
    shape: m.isTensor ? [...(m.shape ?? [])] : [],
  }));
}

/**
 * Loads an ONNX file with ONNX Runtime and turns its graph inputs/outputs (names, element types, shapes)
 * into JSON Schemas. A file ONNX Runtime cannot load is not a usable model: 422 invalid_artifact.
 */
export async function deriveOnnxSchema(bytes: Uint8Array): Promise<DerivedOnnxSchema> {
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes);
  } catch (error) {
    throw new AppError(
      "invalid_artifact",
      `The file is not a valid ONNX model: ${String((error as Error).message ?? error)
        .split("\n")[0]
        .slice(0, 300)}`,
      { details: { field: "file" } },
    );
  }
  try {
    const inputs = tensorsOf(session.inputMetadata as readonly Meta[]);
    const outputs = tensorsOf(session.outputMetadata as readonly Meta[]);
    if (inputs.length === 0 || outputs.length === 0)
      throw new AppError("invalid_artifact", "The ONNX graph has no inputs or no outputs.", { details: { field: "file" } });
    const hints = onnxHints(readOnnxMetadata(bytes), inputs, outputs);
    // Where labels live for every reader (console, snippets, docs): top-level x-feature-names / x-class-labels.
    const inputSchema = { ...objectSchema(inputs, true), ...(hints.featureNames ? { "x-feature-names": hints.featureNames } : {}) };
    const outputSchema = { ...objectSchema(outputs, false), ...(hints.classLabels ? { "x-class-labels": hints.classLabels } : {}) };
    return { inputs, outputs, inputSchema, outputSchema, hints };
  } finally {
    await session.release().catch(() => {});
  }
}
