import Link from "next/link";
import type { ModelListItem } from "@/lib/catalog/list-models";

export function ModelList({ models, emptyText = "No models yet." }: { models: ModelListItem[]; emptyText?: string }) {
  if (models.length === 0) return <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">{emptyText}</p>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="model-list">
      {models.map((m) => (
        <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500">
          <Link href={`/models/${m.slug}`} className="block">
            <div className="flex items-start justify-between gap-2">
              <h3 className="font-semibold text-slate-900">{m.displayName}</h3>
              {m.visibility === "gated" && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">gated</span>}
            </div>
            <p className="font-mono text-xs text-slate-500">{m.slug}</p>
            <p className="mt-2 line-clamp-2 text-sm text-slate-600">{m.summary}</p>
            <div className="mt-3 flex flex-wrap gap-1.5 text-xs">
              <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">{m.task}</span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">{m.framework}</span>
              {m.latestVersion && <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-700">v{m.latestVersion}</span>}
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
