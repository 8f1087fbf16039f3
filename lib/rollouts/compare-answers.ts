// How a shadow's answer is compared with the serving version's on the same input (pure, tested on its own).
// - Agreement: when the answers carry a label (a top-level field named label, labels, class, prediction or
//   predicted_label), whether the labels are equal; otherwise whether every non-numeric leaf (strings,
//   booleans, null) is equal — null when the answers have no such leaf.
// - Absolute difference: the mean |a − b| over the numeric leaves outside the label that both answers have at
//   the same place (probabilities, scores, regression values) — null when there are none.

export type AnswerComparison = { agreement: boolean | null; absDiff: number | null };

const LABEL_FIELDS = ["label", "labels", "class", "prediction", "predicted_label"];

export function compareAnswers(serving: unknown, candidate: unknown): AnswerComparison {
  const labelField = isObject(serving) && isObject(candidate) ? LABEL_FIELDS.find((f) => f in serving && f in candidate) : undefined;
  let agreement: boolean | null;
  let rest: [unknown, unknown];
  if (labelField) {
    const a = serving as Record<string, unknown>;
    const b = candidate as Record<string, unknown>;
    agreement = JSON.stringify(a[labelField]) === JSON.stringify(b[labelField]);
    rest = [omit(a, labelField), omit(b, labelField)];
  } else {
    const leaves = { equal: true, seen: false };
    walk(serving, candidate, (x, y) => {
      if (typeof x === "number" && typeof y === "number") return;
      leaves.seen = true;
      if (x !== y) leaves.equal = false;
    });
    agreement = leaves.seen ? leaves.equal : null;
    rest = [serving, candidate];
  }
  let sum = 0;
  let n = 0;
  walk(rest[0], rest[1], (x, y) => {
    if (typeof x === "number" && typeof y === "number") {
      sum += Math.abs(x - y);
      n++;
    }
  });
  return { agreement, absDiff: n > 0 ? sum / n : null };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

/** Visits the leaves at the same place in both values; a place only one side has counts as a differing leaf. */
function walk(a: unknown, b: unknown, leaf: (x: unknown, y: unknown) => void): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], leaf);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], leaf);
    return;
  }
  leaf(a, b);
}
