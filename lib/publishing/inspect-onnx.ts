import "server-only";
import { AppError } from "@/lib/server/errors";
import { deriveOnnxSchema } from "@/lib/publishing/derive-onnx-schema";
import { exampleFromSchema } from "@/lib/publishing/example-from-schema";
import { modelNameFrom } from "@/lib/publishing/model-name";
import type { OnnxInspection } from "@/lib/publishing/schemas";

/** "Churn_Model-v2.onnx" → "churn-model-v2": a valid model name, or "" when nothing usable is left. */
export function nameFromFile(fileName: string): string {
  return modelNameFrom(fileName.replace(/^.*[\\/]/, "").replace(/\.onnx$/i, ""));
}

/** "churn-model-v2" → "Churn model v2". */
export function displayNameFrom(name: string): string {
  const words = name.split("-").filter(Boolean).join(" ");
  return words ? words[0].toUpperCase() + words.slice(1) : "";
}

/**
 * Everything the publishing form can fill in from an ONNX file before anything is created: a name and
 * display name from the file name, the derived schemas, feature names and class labels and licence from the
 * metadata, and a first example input shaped like the input schema.
 */
export async function inspectOnnx(file: { name: string; bytes: Uint8Array }): Promise<OnnxInspection> {
  if (!/\.onnx$/i.test(file.name)) {
    throw new AppError("invalid_artifact", `"${file.name}" is not an .onnx file; upload the model exported to ONNX.`, {
      details: { field: "file" },
    });
  }
  const derived = await deriveOnnxSchema(file.bytes);
  const name = nameFromFile(file.name);
  const classifier = derived.hints.classLabels !== null;
  const tabular = derived.inputs.length === 1 && derived.inputs[0].shape.length === 2;
  return {
    suggested: {
      name,
      displayName: displayNameFrom(name),
      framework: "onnx",
      license: derived.hints.license,
      task: classifier ? (tabular ? "tabular-classification" : "classification") : null,
    },
    onnx: { inputs: derived.inputs, outputs: derived.outputs },
    inputSchema: derived.inputSchema,
    outputSchema: derived.outputSchema,
    featureNames: derived.hints.featureNames,
    classLabels: derived.hints.classLabels,
    exampleInput: exampleFromSchema(derived.inputSchema),
  };
}
