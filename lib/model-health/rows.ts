// Turns a call's input or output into table rows of named features, the shape profiles and drift count.
// A tensor property (an array of rows) becomes one row per item, its columns named by the schema's
// `x-feature-names` where present; an array of scalars gives one value per row; a scalar is the same for every
// row; a matrix in an output (class probabilities) becomes its largest value, the score. Integer outputs with
// `x-class-labels` become the class names.

export type Row = Record<string, unknown>;
export type Role = "input" | "output";

type Schema = { properties?: Record<string, { items?: { type?: unknown } }>; "x-feature-names"?: unknown; "x-class-labels"?: unknown };

const isScalar = (v: unknown) => v === null || ["number", "string", "boolean"].includes(typeof v);
const asSchema = (s: unknown): Schema => (s !== null && typeof s === "object" ? (s as Schema) : {});
const stringList = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null);

/** The rows of one input or output value. */
export function toRows(schemaValue: unknown, value: unknown, role: Role): Row[] {
  const schema = asSchema(schemaValue);
  const names = stringList(schema["x-feature-names"]);
  const labels = stringList(schema["x-class-labels"]);
  if (Array.isArray(value)) return value.map((item) => itemRow(item, names, role));
  if (value === null || typeof value !== "object") return [{ value }];
  const perRow = new Map<string, unknown[]>();
  const constant: Row = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (isScalar(v)) constant[key] = v;
    else if (Array.isArray(v) && v.length > 0 && v.every(Array.isArray)) {
      const matrix = v as unknown[][];
      if (role === "output")
        perRow.set(
          `${key}.max`,
          matrix.map((r) => maxOf(r)),
        );
      else
        matrix[0].forEach((_, i) =>
          perRow.set(
            names && names.length === matrix[0].length ? names[i] : `${key}[${i}]`,
            matrix.map((r) => r[i]),
          ),
        );
    } else if (Array.isArray(v) && v.every(isScalar)) {
      const itemType = schema.properties?.[key]?.items?.type;
      const mapped = labels && itemType === "integer" ? v.map((x) => (typeof x === "number" ? (labels[x] ?? x) : x)) : v;
      perRow.set(key, mapped);
    } else if (Array.isArray(v) && v.every((x) => x !== null && typeof x === "object")) {
      for (const [i, item] of v.entries())
        for (const [f, x] of Object.entries(item as Record<string, unknown>)) if (isScalar(x)) column(perRow, f, v.length)[i] = x;
    }
  }
  const count = Math.max(1, ...[...perRow.values()].map((c) => c.length));
  return Array.from({ length: count }, (_, i) => {
    const row: Row = { ...constant };
    for (const [key, values] of perRow) row[key] = values[i];
    return row;
  });
}

function column(map: Map<string, unknown[]>, key: string, length: number): unknown[] {
  let c = map.get(key);
  if (!c) map.set(key, (c = new Array<unknown>(length).fill(undefined)));
  return c;
}

function itemRow(item: unknown, names: string[] | null, role: Role): Row {
  if (Array.isArray(item)) {
    if (role === "output") return { "value.max": maxOf(item) };
    return Object.fromEntries(item.map((x, i) => [names && names.length === item.length ? names[i] : `c${i}`, x]));
  }
  if (item !== null && typeof item === "object") return Object.fromEntries(Object.entries(item).filter(([, x]) => isScalar(x)));
  return { value: item };
}

function maxOf(values: unknown[]): number | null {
  const numbers = values.filter((x): x is number => typeof x === "number");
  return numbers.length ? Math.max(...numbers) : null;
}

/** The input features a version's schema names (tensor columns or scalar properties), for matching dataset columns. */
export function inputFeatureNames(schemaValue: unknown): string[] {
  const schema = asSchema(schemaValue);
  const names = stringList(schema["x-feature-names"]);
  if (names) return names;
  return Object.entries(schema.properties ?? {})
    .filter(([, p]) => ["number", "integer", "string", "boolean"].includes(String((p as { type?: unknown }).type)))
    .map(([k]) => k);
}

/** The name of the tensor property a batch of rows goes into (`features` for the seeded ONNX models), if any. */
export function tensorProperty(schemaValue: unknown): string | null {
  const schema = asSchema(schemaValue);
  if (!stringList(schema["x-feature-names"])) return null;
  const entry = Object.entries(schema.properties ?? {}).find(([, p]) => (p as { items?: { type?: unknown } }).items?.type === "array");
  return entry ? entry[0] : null;
}

/** The output features a version's output schema names: a matrix property's score (`<name>.max`) or a property itself. */
export function outputFeatureNames(schemaValue: unknown): string[] {
  const schema = asSchema(schemaValue);
  return Object.entries(schema.properties ?? {}).map(([k, p]) => (p.items?.type === "array" ? `${k}.max` : k));
}
