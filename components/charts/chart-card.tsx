import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";

/**
 * A chart with its accessible table view (the same figures, as a table, for screen readers and printing)
 * and an empty state that says what to do.
 */
export function ChartCard({
  title,
  children,
  table,
  empty,
  isEmpty,
}: {
  title: string;
  children: ReactNode;
  table: { columns: string[]; rows: ReactNode[][] };
  empty: string;
  isEmpty: boolean;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 break-inside-avoid" aria-label={title}>
      <h2 className="mb-2 font-medium">{title}</h2>
      {isEmpty ? (
        <p className="rounded border border-dashed border-slate-300 p-6 text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          <div className="print:hidden">{children}</div>
          <details className="mt-2 text-sm print:open">
            <summary className="cursor-pointer text-slate-600 print:hidden">Table view</summary>
            <div className="mt-2">
              <DataTable caption={title} columns={table.columns} rows={table.rows} empty={empty} />
            </div>
          </details>
        </>
      )}
    </section>
  );
}

export function Kpi({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-sm text-slate-500">{label}</div>
      <div className="text-2xl font-semibold" data-kpi={label}>
        {value}
      </div>
      {hint && <div className="text-xs text-slate-500">{hint}</div>}
    </div>
  );
}
