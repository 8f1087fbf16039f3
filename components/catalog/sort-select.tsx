"use client";

import { useRouter } from "next/navigation";
import { catalogHref, type CatalogParams } from "@/lib/catalog/catalog-url";

const LABELS = {
  relevance: "Relevance",
  most_used: "Most used (30 days)",
  updated: "Recently updated",
  name: "Name",
  stars: "Most starred",
  trending: "Trending (7 days)",
} as const;

/** Changing the sort navigates (a new history entry), so the back button returns to the previous order. */
export function SortSelect({ params, sort }: { params: CatalogParams; sort: keyof typeof LABELS }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      Sort by
      <select
        name="sort"
        value={sort}
        onChange={(e) => router.push(catalogHref(params, { sort: e.target.value }))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900"
      >
        {Object.entries(LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
