import type { Metadata } from "next";
import Link from "next/link";
import { FacetPanel } from "@/components/catalog/facet-panel";
import { ModelCardList } from "@/components/catalog/model-card";
import { Pagination } from "@/components/catalog/pagination";
import { SearchBox } from "@/components/catalog/search-box";
import { SortSelect } from "@/components/catalog/sort-select";
import { ResponsiveDisclosure } from "@/components/ui/responsive-disclosure";
import { getCurrentUser } from "@/lib/auth/current-user";
import { catalogHref, catalogParams } from "@/lib/catalog/catalog-url";
import { searchModelsQuerySchema } from "@/lib/catalog/schemas";
import { searchModels } from "@/lib/catalog/search-models";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Catalog" };
export const dynamic = "force-dynamic";

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = catalogParams(await searchParams);
  const parsed = searchModelsQuerySchema.safeParse(params);
  const user = await getCurrentUser();
  // A hand-edited URL with a bad value falls back to the plain catalog rather than an error page.
  const query = parsed.success ? parsed.data : searchModelsQuerySchema.parse({ q: params.q });
  const result = await searchModels({ viewer: { teamIds: user?.teamIds ?? [] }, query });
  const active = (["task", "framework", "tag", "team", "license", "runtime", "visibility", "status"] as const).filter((k) => query[k]);
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pastTheEnd = result.items.length === 0 && result.total > 0 && result.page > lastPage;

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Model catalog</h1>
        <SearchBox params={params} />
      </div>
      <div className="grid gap-4 md:grid-cols-[14rem_minmax(0,1fr)] md:gap-8">
        {/* On a phone the filters fold into a drawer below the search. */}
        <div>
          <ResponsiveDisclosure
            id="catalog-filters"
            label={`Filters${active.length > 0 ? ` (${active.length} active)` : ""}`}
            openLabel={`Hide filters${active.length > 0 ? ` (${active.length} active)` : ""}`}
            buttonClassName="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-left text-sm font-medium text-slate-700"
            className="mt-3 md:mt-0"
          >
            <FacetPanel facets={result.facets} counted={result.facetsCounted} params={params} />
          </ResponsiveDisclosure>
        </div>
        <section aria-label="Results" className="min-w-0 space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-slate-600" data-testid="result-count">
              {formatNumber(result.total)} {result.total === 1 ? "model" : "models"}
              {query.q ? <> for “{query.q}”</> : null}
            </p>
            <SortSelect params={params} sort={result.sort} />
          </div>
          {active.length > 0 && (
            <ul aria-label="Active filters" className="flex flex-wrap gap-2 text-sm">
              {active.map((k) => (
                <li key={k}>
                  <Link
                    href={catalogHref(params, { [k]: undefined })}
                    className="rounded-full bg-brand-50 px-3 py-1 text-brand-700 hover:bg-brand-100"
                    aria-label={`Remove filter ${k}: ${query[k]}`}
                  >
                    {k}: {query[k]} ✕
                  </Link>
                </li>
              ))}
              <li>
                <Link href={catalogHref({ q: params.q, sort: params.sort }, {})} className="px-2 py-1 text-slate-500 hover:underline">
                  Clear all
                </Link>
              </li>
            </ul>
          )}
          {pastTheEnd ? (
            <p className="rounded border border-dashed border-slate-300 p-6 text-slate-600" data-testid="past-last-page">
              Page {formatNumber(result.page)} is past the last page ({formatNumber(lastPage)}).{" "}
              <Link href={catalogHref(params, { page: String(lastPage) })} className="text-brand-700 underline">
                Go to page {formatNumber(lastPage)}
              </Link>
            </p>
          ) : (
            <ModelCardList models={result.items} label="Models" emptyText="No models match. Try fewer words or remove a filter." />
          )}
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={params} />
        </section>
      </div>
    </div>
  );
}
