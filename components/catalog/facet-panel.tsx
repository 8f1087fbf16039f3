import Link from "next/link";
import { catalogHref, type CatalogParams } from "@/lib/catalog/catalog-url";
import { FACET_COUNT_LIMIT, type FacetName, type SearchModelsResult } from "@/lib/catalog/schemas";
import { formatNumber } from "@/lib/format";

const TITLES: Record<FacetName, string> = {
  task: "Task",
  framework: "Framework",
  tag: "Tag",
  team: "Owning team",
  license: "License",
  runtime: "Runtime",
  visibility: "Visibility",
  status: "Status",
  health: "Health",
};
const HEALTH_LABEL: Record<string, string> = { healthy: "healthy", warning: "warning", failing: "failing", unknown: "no data" };
const STATUS_LABEL: Record<string, string> = {
  pending_review: "awaiting approval",
  approved: "approved",
  deprecated: "deprecated",
  draft: "draft",
};

/**
 * Facets as links: each value toggles its filter; counts already respect the other active filters. A very
 * broad search lists the values without counts and invites refining.
 */
export function FacetPanel({ facets, counted, params }: { facets: SearchModelsResult["facets"]; counted: boolean; params: CatalogParams }) {
  return (
    <nav aria-label="Filters" className="space-y-5 text-sm">
      {!counted && (
        <p className="text-slate-500" data-testid="facets-not-counted">
          Counts are left out where more than {formatNumber(FACET_COUNT_LIMIT)} models would be counted: add a word or pick a filter to see
          them.
        </p>
      )}
      {(Object.keys(TITLES) as FacetName[]).map((name) =>
        facets[name].length === 0 ? null : (
          <section key={name} aria-labelledby={`facet-${name}`}>
            <h2 id={`facet-${name}`} className="mb-1 font-semibold text-slate-700">
              {TITLES[name]}
            </h2>
            <ul className="space-y-0.5" data-testid={`facet-${name}`}>
              {facets[name].slice(0, 12).map((f) => {
                const active = params[name] === f.value;
                return (
                  <li key={f.value}>
                    <Link
                      href={catalogHref(params, { [name]: active ? undefined : f.value })}
                      aria-current={active ? "true" : undefined}
                      className={`flex justify-between gap-2 rounded px-1.5 py-0.5 hover:bg-slate-100 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700"}`}
                    >
                      <span className="truncate">
                        {active ? "✓ " : ""}
                        {name === "status"
                          ? (STATUS_LABEL[f.value] ?? f.value)
                          : name === "health"
                            ? (HEALTH_LABEL[f.value] ?? f.value)
                            : f.label}
                      </span>
                      {f.count !== null && <span className="tabular-nums text-slate-500">{formatNumber(f.count)}</span>}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        ),
      )}
    </nav>
  );
}
