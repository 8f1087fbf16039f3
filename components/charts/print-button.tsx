"use client";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded border border-slate-300 px-3 py-1.5 print:hidden">
      Print
    </button>
  );
}
