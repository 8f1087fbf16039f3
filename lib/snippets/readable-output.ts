// Where a version declares the names behind its numbers, and how the console turns class indices and
// probabilities into words and bars. One place each (docs/decisions.md, "Class labels and feature names"):
// - class labels: the output schema's top-level "x-class-labels", a list of names, index i = class i;
// - feature names: the input schema's top-level "x-feature-names", in column order of the feature rows.
// Publishing fills both from an ONNX file's metadata when it has them; any publisher may write them by hand.

export const CLASS_LABELS = "x-class-labels";
export const FEATURE_NAMES = "x-feature-names";
/** Keywords a strict JSON Schema validator must know as annotations (Ajv: `addVocabulary`); they constrain nothing. */
export const SCHEMA_ANNOTATIONS = [CLASS_LABELS, FEATURE_NAMES] as const;

function namesAt(schema: unknown, keyword: string): string[] | null {
  const list = schema && typeof schema === "object" ? (schema as Record<string, unknown>)[keyword] : undefined;
  return Array.isArray(list) && list.length > 0 && list.length <= 10_000 && list.every((n) => typeof n === "string" && n.length > 0)
    ? (list as string[])
    : null;
}

/** The class names a version declares on its output schema, or null. */
export function classLabelsOf(outputSchema: unknown): string[] | null {
  return namesAt(outputSchema, CLASS_LABELS);
}

/** The feature names a version declares on its input schema, or null. */
export function featureNamesOf(inputSchema: unknown): string[] | null {
  return namesAt(inputSchema, FEATURE_NAMES);
}

export type ClassScore = { index: number; name: string; probability: number };
export type ReadableRow = { predicted: { index: number; name: string } | null; scores: ClassScore[] | null };

const isIndex = (v: unknown, n: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < n;
const isProbability = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;

/** Scores of one row: a list in class order, or a map keyed by class index or name (ONNX ZipMap). */
function scoresOf(row: unknown, labels: string[]): ClassScore[] | null {
  if (Array.isArray(row)) {
    return row.length === labels.length && row.every(isProbability)
      ? row.map((p, index) => ({ index, name: labels[index], probability: p }))
      : null;
  }
  if (!row || typeof row !== "object") return null;
  const entries = Object.entries(row as Record<string, unknown>);
  if (entries.length !== labels.length) return null;
  const scores: ClassScore[] = [];
  for (const [key, p] of entries) {
    const index = /^\d+$/.test(key) ? Number(key) : labels.indexOf(key);
    if (!isIndex(index, labels.length) || !isProbability(p)) return null;
    scores.push({ index, name: labels[index], probability: p });
  }
  return scores.sort((a, b) => a.index - b.index);
}

/**
 * The model's answer in words, one entry per input row: among the output's top-level properties, the one
 * holding class indices (or label names) per row gives the prediction, the one holding one probability per
 * class per row gives the scores. Null when the answer has neither shape (the console then shows JSON only).
 */
export function readableRows(output: unknown, labels: string[]): ReadableRow[] | null {
  if (!output || typeof output !== "object" || Array.isArray(output)) return null;
  let predicted: ({ index: number; name: string } | null)[] | null = null;
  let scores: (ClassScore[] | null)[] | null = null;
  for (const value of Object.values(output as Record<string, unknown>)) {
    const rows = Array.isArray(value) ? value : [value];
    if (rows.length === 0) continue;
    if (!predicted && rows.every((v) => isIndex(v, labels.length))) predicted = rows.map((i: number) => ({ index: i, name: labels[i] }));
    else if (!predicted && rows.every((v) => typeof v === "string" && labels.includes(v)))
      predicted = rows.map((name: string) => ({ index: labels.indexOf(name), name }));
    else if (!scores) {
      const parsed = rows.map((r) => scoresOf(r, labels));
      if (parsed.every(Boolean)) scores = parsed;
    }
  }
  if (!predicted && !scores) return null;
  const count = Math.max(predicted?.length ?? 0, scores?.length ?? 0);
  return Array.from({ length: count }, (_, i) => {
    const rowScores = scores?.[i] ?? null;
    let top = predicted?.[i] ?? null;
    if (!top && rowScores) {
      const best = rowScores.reduce((a, b) => (b.probability > a.probability ? b : a));
      top = { index: best.index, name: best.name };
    }
    return { predicted: top, scores: rowScores };
  });
}
