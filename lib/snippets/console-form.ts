// The console's generated form: which input schemas it can render, and conversion between the form's
// values and the JSON body. Anything else is edited as JSON only.

import { featureNamesOf } from "@/lib/snippets/readable-output";

type JsonSchema = {
  type?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  title?: string;
  description?: string;
  minItems?: number;
  maxItems?: number;
};

export type FormField =
  | { kind: "string" | "number" | "integer" | "boolean"; name: string; required: boolean; description?: string }
  | { kind: "enum"; name: string; required: boolean; options: (string | number)[]; description?: string };

/**
 * A matrix of numbers, one row per example (`{<property>: number[][]}`). With a known width (fixed row
 * length, or declared feature names) every feature gets its own labelled input; else a row is one text box.
 */
export type FeaturesShape = { kind: "features"; property: string; width: number | null; names: string[] | null };

export type FormShape = { kind: "flat"; fields: FormField[] } | FeaturesShape;

const primitive = (t: unknown) => (t === "string" || t === "number" || t === "integer" || t === "boolean" ? t : null);

/** The form for a schema: a flat object of primitives/enums, or one matrix of numbers; null otherwise. */
export function formShapeOf(schema: unknown): FormShape | null {
  const s = schema as JsonSchema | null;
  if (!s || typeof s !== "object" || s.type !== "object" || !s.properties) return null;
  const entries = Object.entries(s.properties);
  if (entries.length === 0) return null;
  const [property, matrix] = entries[0];
  if (
    entries.length === 1 &&
    matrix?.type === "array" &&
    matrix.items?.type === "array" &&
    (matrix.items.items?.type === "number" || matrix.items.items?.type === "integer")
  ) {
    const inner = matrix.items;
    const fixed = inner.minItems !== undefined && inner.minItems === inner.maxItems ? inner.minItems : null;
    const names = featureNamesOf(s);
    const usable = names && (fixed === null || names.length === fixed) ? names : null;
    return { kind: "features", property, width: usable?.length ?? fixed, names: usable };
  }
  const fields: FormField[] = [];
  for (const [name, p] of entries) {
    const required = (s.required ?? []).includes(name);
    if (Array.isArray(p.enum) && p.enum.length > 0 && p.enum.every((v) => typeof v === "string" || typeof v === "number")) {
      fields.push({ kind: "enum", name, required, options: p.enum as (string | number)[], description: p.description });
      continue;
    }
    const kind = primitive(p.type);
    if (!kind) return null;
    fields.push({ kind, name, required, description: p.description });
  }
  return { kind: "flat", fields };
}

export type FormValues = Record<string, string>;

/** The label of feature `j` (0-based): its declared name, else "Feature j+1". */
export function featureLabel(shape: FeaturesShape, j: number): string {
  return shape.names?.[j] ?? `Feature ${j + 1}`;
}

/**
 * The rows of a features form, in order: key `row<i>` holds a whole row as text (unknown width), keys
 * `row<i>.<j>` one feature each (known width).
 */
export function featureRows(values: FormValues): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = /^row(\d+)(?:\.\d+)?$/.exec(key);
    if (m) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Form values (all strings, as typed) from a JSON body; unknown parts are ignored. */
export function valuesFromBody(shape: FormShape, body: unknown): FormValues {
  const obj = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  if (shape.kind === "features") {
    const rows = Array.isArray(obj[shape.property]) ? (obj[shape.property] as unknown[]) : [];
    if (shape.width === null) return Object.fromEntries(rows.map((row, i) => [`row${i}`, Array.isArray(row) ? row.join(", ") : ""]));
    const width = shape.width;
    return Object.fromEntries(
      rows.flatMap((row, i) =>
        Array.from({ length: width }, (_, j) => [
          `row${i}.${j}`,
          Array.isArray(row) && row[j] !== undefined && row[j] !== null ? String(row[j]) : "",
        ]),
      ),
    );
  }
  return Object.fromEntries(
    shape.fields.map((f) => [f.name, obj[f.name] === undefined || obj[f.name] === null ? "" : String(obj[f.name])]),
  );
}

/** The JSON body for form values, or an error in plain words for the first field that is not valid. */
export function bodyFromValues(shape: FormShape, values: FormValues): { body: unknown } | { error: string } {
  if (shape.kind === "features") {
    const rows: number[][] = [];
    for (const [position, i] of featureRows(values).entries()) {
      if (shape.width === null) {
        const cells = (values[`row${i}`] ?? "")
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number);
        if (cells.some((n) => !Number.isFinite(n))) return { error: `Row ${position + 1} must be numbers separated by commas.` };
        rows.push(cells);
        continue;
      }
      const cells: number[] = [];
      for (let j = 0; j < shape.width; j++) {
        const text = (values[`row${i}.${j}`] ?? "").trim();
        const n = Number(text);
        if (text === "" || !Number.isFinite(n)) return { error: `Row ${position + 1}: ${featureLabel(shape, j)} must be a number.` };
        cells.push(n);
      }
      rows.push(cells);
    }
    return { body: { [shape.property]: rows } };
  }
  const body: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const text = (values[field.name] ?? "").trim();
    if (text === "") {
      if (field.required) return { error: `${field.name} is required.` };
      continue;
    }
    if (field.kind === "number" || field.kind === "integer") {
      const n = Number(text);
      if (!Number.isFinite(n) || (field.kind === "integer" && !Number.isInteger(n)))
        return { error: `${field.name} must be ${field.kind === "integer" ? "a whole number" : "a number"}.` };
      body[field.name] = n;
    } else if (field.kind === "boolean") body[field.name] = text === "true";
    else if (field.kind === "enum") body[field.name] = field.options.find((o) => String(o) === text) ?? text;
    else body[field.name] = text;
  }
  return { body };
}
