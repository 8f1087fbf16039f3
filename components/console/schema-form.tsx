"use client";

import type { FormShape, FormValues } from "@/lib/snippets/console-form";

/** The generated form for simple input schemas (see lib/snippets/console-form.ts). */
export function SchemaForm({ shape, values, onChange }: { shape: FormShape; values: FormValues; onChange: (values: FormValues) => void }) {
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  const input = "rounded border border-slate-300 px-2 py-1 text-sm";
  if (shape.kind === "features") {
    const rows = Object.keys(values).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
    return (
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Feature rows{shape.width ? ` (${shape.width} numbers each)` : ""}</legend>
        {rows.map((key, i) => (
          <div key={key} className="flex items-center gap-2">
            <label className="flex flex-1 items-center gap-2 text-sm">
              <span className="w-14 text-slate-600">Row {i + 1}</span>
              <input className={`${input} flex-1 font-mono`} value={values[key]} onChange={(e) => set(key, e.target.value)} />
            </label>
            <button type="button" aria-label={`Remove row ${i + 1}`} className="text-xs text-slate-600 hover:underline" onClick={() => onChange(Object.fromEntries(Object.entries(values).filter(([k]) => k !== key)))}>Remove</button>
          </div>
        ))}
        <button type="button" className="text-sm text-slate-700 underline" onClick={() => set(`row${rows.length ? Math.max(...rows.map((r) => Number(r.slice(3)))) + 1 : 0}`, "")}>Add a row</button>
      </fieldset>
    );
  }
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {shape.fields.map((f) => (
        <label key={f.name} className="flex flex-col text-sm">
          <span className="font-medium">{f.name}{f.required ? " *" : ""}</span>
          {f.kind === "enum" ? (
            <select className={input} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)}>
              {!f.required && <option value="">—</option>}
              {f.options.map((o) => <option key={String(o)} value={String(o)}>{String(o)}</option>)}
            </select>
          ) : f.kind === "boolean" ? (
            <select className={input} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)}>
              <option value="">—</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input className={input} inputMode={f.kind === "string" ? "text" : "decimal"} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)} />
          )}
          {f.description && <span className="text-xs text-slate-500">{f.description}</span>}
        </label>
      ))}
    </div>
  );
}
