import { AppError } from "@/lib/server/errors";

export type Nested = number | boolean | string | bigint | Nested[];

/** Shape and flat values of a rectangular nested array; 422 (with a JSON pointer) when ragged. */
export function flatten(value: unknown, pointer: string): { dims: number[]; flat: unknown[] } {
  const dims: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    dims.push(probe.length);
    probe = probe[0];
  }
  const flat: unknown[] = [];
  const walk = (node: unknown, depth: number, at: string) => {
    if (depth === dims.length) {
      if (Array.isArray(node)) throw ragged(at);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== dims[depth]) throw ragged(at);
    node.forEach((child, i) => walk(child, depth + 1, `${at}/${i}`));
  };
  walk(value, 0, pointer);
  return { dims, flat };
}

function ragged(pointer: string) {
  return new AppError("schema_validation_failed", `The input at ${pointer} is not a rectangular array of the expected rank.`, {
    details: { pointer },
  });
}

/** Rebuilds nested arrays from flat tensor data; 64-bit integers become JSON numbers (strings if unsafe). */
export function unflatten(data: ArrayLike<unknown>, dims: readonly number[]): unknown {
  const values = Array.from(data, (v) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v));
  if (dims.length === 0) return values[0];
  let offset = 0;
  const build = (depth: number): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < dims[depth]; i++) out.push(depth === dims.length - 1 ? values[offset++] : build(depth + 1));
    return out;
  };
  return build(0);
}
