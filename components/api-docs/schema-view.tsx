// A compact, readable rendering of a JSON Schema (as generated from the zod contracts): properties with
// their types, required marks, enums and descriptions, nested objects and arrays indented.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

export function typeLabel(s: JsonSchema): string {
  if (s.$ref) return s.$ref.split("/").pop() ?? "ref";
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeLabel).join(" | ");
  const type = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (type === "array") return `${s.items ? typeLabel(s.items) : "any"}[]`;
  if (type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object")
    return `map of ${typeLabel(s.additionalProperties)}`;
  return [type ?? "any", s.format ? `(${s.format})` : ""].filter(Boolean).join(" ");
}

function children(s: JsonSchema): JsonSchema | null {
  if (s.properties) return s;
  if (s.items?.properties) return s.items;
  const alt = (s.anyOf ?? s.oneOf)?.find((a) => a.properties);
  return alt ?? null;
}

export function SchemaView({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const obj = children(schema);
  if (!obj?.properties) return <code className="text-xs">{typeLabel(schema)}</code>;
  return (
    <ul className={`space-y-1 text-sm ${depth ? "ml-4 border-l border-slate-200 pl-3" : ""}`}>
      {Object.entries(obj.properties).map(([name, p]) => (
        <li key={name}>
          <code className="font-semibold">{name}</code>
          {(obj.required ?? []).includes(name) && (
            <span className="ml-1 text-xs text-red-700" title="required">
              *
            </span>
          )}
          <code className="ml-2 text-xs text-slate-600">{typeLabel(p)}</code>
          {p.description && <span className="ml-2 text-xs text-slate-500">{p.description}</span>}
          {depth < 4 && children(p) && <SchemaView schema={p} depth={depth + 1} />}
        </li>
      ))}
    </ul>
  );
}
