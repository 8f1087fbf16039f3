"use client";

import { featureLabel, featureRows, type FeaturesShape, type FormShape, type FormValues } from "@/lib/snippets/console-form";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

/** The generated form for simple input schemas (see lib/snippets/console-form.ts). */
export function SchemaForm({ shape, values, onChange }: { shape: FormShape; values: FormValues; onChange: (values: FormValues) => void }) {
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  if (shape.kind === "features") return <FeatureRows shape={shape} values={values} onChange={onChange} />;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {shape.fields.map((f) => (
        <label key={f.name} className="flex flex-col text-sm">
          <span className="font-medium">
            {f.name}
            {f.required ? " *" : ""}
          </span>
          {f.kind === "enum" ? (
            <select className={input} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)}>
              {!f.required && <option value="">—</option>}
              {f.options.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          ) : f.kind === "boolean" ? (
            <select className={input} value={values[f.name] ?? ""} onChange={(e) => set(f.name, e.target.value)}>
              <option value="">—</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input
              className={input}
              inputMode={f.kind === "string" ? "text" : "decimal"}
              value={values[f.name] ?? ""}
              onChange={(e) => set(f.name, e.target.value)}
            />
          )}
          {f.description && <span className="text-xs text-slate-500">{f.description}</span>}
        </label>
      ))}
    </div>
  );
}

/** One row per example; one labelled input per feature when the width is known, else a row of numbers as text. */
function FeatureRows({ shape, values, onChange }: { shape: FeaturesShape; values: FormValues; onChange: (values: FormValues) => void }) {
  const rows = featureRows(values);
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  const remove = (i: number) =>
    onChange(Object.fromEntries(Object.entries(values).filter(([k]) => k !== `row${i}` && !k.startsWith(`row${i}.`))));
  const add = () => {
    const next = rows.length ? rows[rows.length - 1] + 1 : 0;
    const cells = shape.width === null ? [[`row${next}`, ""]] : Array.from({ length: shape.width }, (_, j) => [`row${next}.${j}`, ""]);
    onChange({ ...values, ...Object.fromEntries(cells) });
  };
  return (
    <div className="space-y-3">
      {rows.map((i, position) => (
        <fieldset key={i} className="rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">
            {rows.length > 1 ? `Row ${position + 1}` : "Features"}
            {rows.length > 1 && (
              <button
                type="button"
                aria-label={`Remove row ${position + 1}`}
                className="ml-3 text-xs font-normal text-slate-600 hover:underline"
                onClick={() => remove(i)}
              >
                Remove
              </button>
            )}
          </legend>
          {shape.width === null ? (
            <label className="flex items-center gap-2 text-sm">
              <span className="w-14 text-slate-600">Row {position + 1}</span>
              <input
                className={`${input} min-w-0 flex-1 font-mono`}
                value={values[`row${i}`] ?? ""}
                onChange={(e) => set(`row${i}`, e.target.value)}
                placeholder="numbers separated by commas"
              />
            </label>
          ) : (
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {Array.from({ length: shape.width }, (_, j) => {
                const name = featureLabel(shape, j);
                return (
                  <label key={j} className="flex min-w-0 flex-col text-sm">
                    <span className="truncate font-medium" title={name}>
                      {name}
                    </span>
                    <input
                      className={`${input} font-mono`}
                      inputMode="decimal"
                      value={values[`row${i}.${j}`] ?? ""}
                      aria-label={rows.length > 1 ? `${name}, row ${position + 1}` : undefined}
                      onChange={(e) => set(`row${i}.${j}`, e.target.value)}
                    />
                  </label>
                );
              })}
            </div>
          )}
        </fieldset>
      ))}
      <button type="button" className="text-sm text-slate-700 underline" onClick={add}>
        Add a row
      </button>
    </div>
  );
}
