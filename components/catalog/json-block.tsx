/** Pretty-printed JSON (schemas, example inputs) with a heading. */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    // min-w-0: in a grid the block may shrink below its longest line, which then scrolls inside the <pre>.
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-semibold text-slate-700">{title}</h3>
      {value === null || value === undefined ? (
        <p className="text-sm text-slate-500">Not provided.</p>
      ) : (
        <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}
