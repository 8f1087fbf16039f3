import type { QualityKind } from "@/lib/generated/prisma/enums";

export type Predicted = { label: string | null; value: number | null };

const LABEL_FIELDS = ["label", "prediction", "class", "predicted", "output"] as const;
const VALUE_FIELDS = ["value", "prediction", "predicted", "score", "output"] as const;

/** The one element of a single-row answer (`[x]` or `x`); undefined for empty or multi-row answers. */
function single(x: unknown): unknown {
  if (Array.isArray(x)) return x.length === 1 ? single(x[0]) : undefined;
  return x;
}

/** The class names an output schema declares (`x-class-labels`), so an index answer is scored as its name. */
export function classLabelsOf(outputSchema: unknown): string[] | null {
  if (!outputSchema || typeof outputSchema !== "object") return null;
  const labels = (outputSchema as Record<string, unknown>)["x-class-labels"];
  return Array.isArray(labels) && labels.every((l) => typeof l === "string") ? labels : null;
}

/** A label as it is compared: a class index becomes its name when the schema names the classes. */
export function normalizeLabel(x: unknown, classLabels: string[] | null): string | null {
  if (typeof x === "number" && Number.isInteger(x) && classLabels && x >= 0 && x < classLabels.length) return classLabels[x];
  if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") return String(x);
  return null;
}

/**
 * What a single-row answer predicted, in the compact form feedback scores: the class label of a classifier
 * or the number of a regressor, read from the usual output fields (or a bare value). Null when the answer
 * holds several rows or no recognisable prediction: such calls are not scored.
 */
export function extractPrediction(kind: QualityKind, output: unknown, outputSchema: unknown): Predicted | null {
  const fields = kind === "classification" ? LABEL_FIELDS : VALUE_FIELDS;
  let raw: unknown = output;
  if (output && typeof output === "object" && !Array.isArray(output)) {
    const record = output as Record<string, unknown>;
    const field = fields.find((f) => f in record);
    if (!field) return null;
    raw = record[field];
  }
  const one = single(raw);
  if (kind === "classification") {
    const label = normalizeLabel(one, classLabelsOf(outputSchema));
    return label === null ? null : { label: label.slice(0, 200), value: null };
  }
  return typeof one === "number" && Number.isFinite(one) ? { label: null, value: one } : null;
}
