// A first example input built from a JSON Schema, for the publisher to edit rather than type: every required
// property, arrays at their minimum length (at least one item), numbers at their minimum or 0, enums' first
// value. Not a sample of real data: it only has the right shape.

type Schema = {
  type?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema | boolean;
  prefixItems?: Schema[];
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
};

export function exampleFromSchema(schema: unknown, depth = 0): unknown {
  const s = (schema && typeof schema === "object" ? schema : {}) as Schema;
  if (depth > 20) return null;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "object" || (type === undefined && s.properties)) {
    const required = s.required ?? Object.keys(s.properties ?? {});
    return Object.fromEntries(required.map((k) => [k, exampleFromSchema(s.properties?.[k], depth + 1)]));
  }
  if (type === "array") {
    const prefix = (s.prefixItems ?? []).map((p) => exampleFromSchema(p, depth + 1));
    const count = Math.max(s.minItems ?? 1, 1, prefix.length);
    const rest = Array.from({ length: Math.min(count, 1000) - prefix.length }, () =>
      exampleFromSchema(typeof s.items === "object" ? s.items : {}, depth + 1),
    );
    return [...prefix, ...rest];
  }
  if (type === "number" || type === "integer") return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
  if (type === "boolean") return false;
  if (type === "string") return "";
  return null;
}
