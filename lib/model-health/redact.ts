/** What a redacted field's value becomes in a stored capture. */
export const REDACTED = "[redacted]";

/** A copy of `value` with every object field named in `fields` (at any depth) replaced by REDACTED. */
export function redactFields(value: unknown, fields: ReadonlySet<string>): unknown {
  if (fields.size === 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, fields));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = fields.has(key) ? REDACTED : redactFields(item, fields);
  return out;
}
