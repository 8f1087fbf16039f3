import type { ReactNode } from "react";

export type FilterField =
  | { kind: "select"; name: string; label: string; value: string; options: { value: string; label: string }[] }
  | { kind: "text"; name: string; label: string; value: string; placeholder?: string }
  | { kind: "hidden"; name: string; value: string };

/** Filters as a plain GET form: they end up in the URL and work without JavaScript. */
export function FilterForm({ fields, children }: { fields: FilterField[]; children?: ReactNode }) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm print:hidden">
      {fields.map((f) =>
        f.kind === "hidden" ? (
          <input key={f.name} type="hidden" name={f.name} value={f.value} />
        ) : (
          <label key={f.name} className="flex flex-col gap-1">
            <span className="text-slate-600">{f.label}</span>
            {f.kind === "select" ? (
              <select name={f.name} defaultValue={f.value} className="rounded border border-slate-300 px-2 py-1">
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={f.name}
                defaultValue={f.value}
                placeholder={f.placeholder}
                className="rounded border border-slate-300 px-2 py-1"
              />
            )}
          </label>
        ),
      )}
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-white">
        Apply
      </button>
      {children}
    </form>
  );
}

export const RANGE_OPTIONS = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "90d", label: "Last 90 days" },
];

/** Said above a dashboard's filters when the URL carried values that were reset to their defaults. */
export function InvalidFiltersNotice({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-800">
      Some filters were invalid and were reset ({error}).
    </p>
  );
}
