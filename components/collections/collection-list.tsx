import Link from "next/link";
import type { CollectionSummary } from "@/lib/collections/schemas";
import { formatNumber } from "@/lib/format";

/** Collection summaries as cards linking to their pages. */
export function CollectionList({ collections, label, emptyText }: { collections: CollectionSummary[]; label: string; emptyText: string }) {
  if (collections.length === 0) return <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">{emptyText}</p>;
  return (
    <ul aria-label={label} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {collections.map((c) => (
        <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500">
          <Link href={`/collections/${c.id}`} className="block space-y-1">
            <h3 className="font-semibold text-slate-900">{c.title}</h3>
            <p className="text-xs text-slate-500">
              {c.owner.kind === "team" ? `Team ${c.owner.name}` : c.owner.name} · {c.visibility === "private" ? "private" : "company-wide"}{" "}
              · {formatNumber(c.itemCount)} {c.itemCount === 1 ? "model" : "models"}
            </p>
            {c.description && <p className="line-clamp-2 text-sm text-slate-600">{c.description}</p>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
