// The console's generated form: which input schemas it can render, and conversion between the form's
// values and the JSON body. Anything else is edited as JSON only.

type JsonSchema = { type?: unknown; enum?: unknown[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; title?: string; description?: string; minItems?: number; maxItems?: number };

export type FormField =
  | { kind: "string" | "number" | "integer" | "boolean"; name: string; required: boolean; description?: string }
  | { kind: "enum"; name: string; required: boolean; options: (string | number)[]; description?: string };

export type FormShape = { kind: "flat"; fields: FormField[] } | { kind: "features"; width: number | null };

const primitive = (t: unknown) => (t === "string" || t === "number" || t === "integer" || t === "boolean" ? t : null);

/** The form for a schema: a flat object of primitives/enums, or `{features: number[][]}`; null otherwise. */
export function formShapeOf(schema: unknown): FormShape | null {
  const s = schema as JsonSchema | null;
  if (!s || typeof s !== "object" || s.type !== "object" || !s.properties) return null;
  const entries = Object.entries(s.properties);
  if (entries.length === 0) return null;
  const features = s.properties.features;
  if (entries.length === 1 && features?.type === "array" && features.items?.type === "array" && (features.items.items?.type === "number" || features.items.items?.type === "integer")) {
    const inner = features.items;
    return { kind: "features", width: inner.minItems !== undefined && inner.minItems === inner.maxItems ? inner.minItems : null };
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

/** Form values (all strings, as typed) from a JSON body; unknown parts are ignored. */
export function valuesFromBody(shape: FormShape, body: unknown): FormValues {
  const obj = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  if (shape.kind === "features") {
    const rows = Array.isArray(obj.features) ? obj.features : [];
    return Object.fromEntries(rows.map((row, i) => [`row${i}`, Array.isArray(row) ? row.join(", ") : ""]));
  }
  return Object.fromEntries(shape.fields.map((f) => [f.name, obj[f.name] === undefined || obj[f.name] === null ? "" : String(obj[f.name])]));
}

/** The JSON body for form values, or an error in plain words for the first field that is not valid. */
export function bodyFromValues(shape: FormShape, values: FormValues): { body: unknown } | { error: string } {
  if (shape.kind === "features") {
    const rows: number[][] = [];
    for (const [key, text] of Object.entries(values).sort(([a], [b]) => Number(a.slice(3)) - Number(b.slice(3)))) {
      const cells = text.split(/[\s,]+/).filter(Boolean).map(Number);
      if (cells.some((n) => !Number.isFinite(n))) return { error: `Row ${Number(key.slice(3)) + 1} must be numbers separated by commas.` };
      if (shape.width !== null && cells.length !== shape.width) return { error: `Row ${Number(key.slice(3)) + 1} needs exactly ${shape.width} numbers.` };
      rows.push(cells);
    }
    return { body: { features: rows } };
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
      if (!Number.isFinite(n) || (field.kind === "integer" && !Number.isInteger(n))) return { error: `${field.name} must be ${field.kind === "integer" ? "a whole number" : "a number"}.` };
      body[field.name] = n;
    } else if (field.kind === "boolean") body[field.name] = text === "true";
    else if (field.kind === "enum") body[field.name] = field.options.find((o) => String(o) === text) ?? text;
    else body[field.name] = text;
  }
  return { body };
}
