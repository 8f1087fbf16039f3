import type { TensorInfo } from "@/lib/publishing/derive-onnx-schema";

// What ONNX metadata_props can tell the publishing form. Keys read (documented in docs/publishing.md):
//   feature_names             the input columns, in order
//   class_labels (or classes, labels)  the output classes, in index order
//   license                   the model's licence
// A list is a JSON array of strings or a comma-separated text.

export type OnnxHints = { featureNames: string[] | null; classLabels: string[] | null; license: string | null };

function list(raw: string | undefined): string[] | null {
  if (!raw?.trim()) return null;
  let items: unknown;
  try {
    items = JSON.parse(raw);
  } catch {
    items = raw.split(",");
  }
  if (!Array.isArray(items)) return null;
  const names = items
    .map((i) => String(i).trim())
    .filter(Boolean)
    .slice(0, 10_000);
  return names.length > 0 ? names : null;
}

const lastDim = (t: TensorInfo) => t.shape[t.shape.length - 1];

/**
 * Feature names count only when some input tensor's last axis has exactly that many columns; class labels
 * when some output's last axis has that many entries (probabilities) or an output is an integer class index.
 */
export function onnxHints(metadata: Record<string, string>, inputs: TensorInfo[], outputs: TensorInfo[]): OnnxHints {
  const features = list(metadata.feature_names);
  const classes = list(metadata.class_labels ?? metadata.classes ?? metadata.labels);
  const fits = (names: string[] | null, tensors: TensorInfo[]) => names !== null && tensors.some((t) => lastDim(t) === names.length);
  const indexOutput = outputs.some((t) => /int/.test(t.type) && t.shape.length <= 2);
  return {
    featureNames: fits(features, inputs) ? features : null,
    classLabels: classes && (fits(classes, outputs) || indexOutput) ? classes : null,
    license: metadata.license?.trim().slice(0, 80) || null,
  };
}
