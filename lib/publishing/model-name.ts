/**
 * "Churn predictor (EU) v2" → "churn-predictor-eu-v2": a valid model name (lowercase letters, digits and
 * dashes, at most 64 characters), or "" when nothing usable is left. Used by the browser form too.
 */
export function modelNameFrom(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}
