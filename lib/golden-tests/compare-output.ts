// How a golden case's expected output is compared with the answer (pure, so the rule is tested on its own):
// numbers match when |actual − expected| ≤ tolerance; strings, booleans and null must be equal; arrays must
// have the same length and match element by element; objects match when every field of the expected object
// matches the same field of the answer (fields the case does not name are ignored, so a case can check only
// the label and leave out the probabilities).

export type Comparison = { ok: true } | { ok: false; detail: string };

export function compareOutput(actual: unknown, expected: unknown, tolerance: number, path = ""): Comparison {
  const at = path || "/";
  if (typeof expected === "number") {
    if (typeof actual !== "number") return { ok: false, detail: `${at}: expected the number ${expected}, got ${describe(actual)}` };
    const diff = Math.abs(actual - expected);
    return diff <= tolerance
      ? { ok: true }
      : { ok: false, detail: `${at}: ${actual} differs from ${expected} by ${diff} (tolerance ${tolerance})` };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { ok: false, detail: `${at}: expected an array, got ${describe(actual)}` };
    if (actual.length !== expected.length)
      return { ok: false, detail: `${at}: expected ${expected.length} elements, got ${actual.length}` };
    for (let i = 0; i < expected.length; i++) {
      const c = compareOutput(actual[i], expected[i], tolerance, `${path}/${i}`);
      if (!c.ok) return c;
    }
    return { ok: true };
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual))
      return { ok: false, detail: `${at}: expected an object, got ${describe(actual)}` };
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) return { ok: false, detail: `${path}/${key}: missing from the answer` };
      const c = compareOutput((actual as Record<string, unknown>)[key], value, tolerance, `${path}/${key}`);
      if (!c.ok) return c;
    }
    return { ok: true };
  }
  return actual === expected ? { ok: true } : { ok: false, detail: `${at}: expected ${describe(expected)}, got ${describe(actual)}` };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
