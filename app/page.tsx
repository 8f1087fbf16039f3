import Link from "next/link";
import { ModelCardList } from "@/components/catalog/model-card";
import { SearchBox } from "@/components/catalog/search-box";
import { getCurrentUser } from "@/lib/auth/current-user";
import { catalogStats } from "@/lib/catalog/catalog-stats";
import { listRecentlyPublished } from "@/lib/catalog/list-recently-published";
import { searchModelsQuerySchema } from "@/lib/catalog/schemas";
import { searchModels } from "@/lib/catalog/search-models";
import { formatNumber } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getCurrentUser();
  const viewer = { teamIds: user?.teamIds ?? [] };
  const [stats, mostUsed, recent] = await Promise.all([
    catalogStats(),
    searchModels({ viewer, query: searchModelsQuerySchema.parse({ sort: "most_used", pageSize: 6 }) }),
    listRecentlyPublished({ viewer, take: 6 }),
  ]);
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-brand-600 to-brand-700 px-8 py-10 text-white">
        <h1 className="text-3xl font-semibold">Find, try and call your company&apos;s models</h1>
        <p className="mt-2 max-w-2xl text-brand-100">
          Every model with its card, versions and a ready-to-run snippet — and what each one costs and earns.
        </p>
        <div className="mt-6">
          <SearchBox id="home-q" />
        </div>
      </section>
      <section aria-label="Catalog numbers" className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {[
          ["Models", stats.models],
          ["Publishing teams", stats.teams],
          ["Approved versions", stats.approvedVersions],
          ["Consumer apps", stats.apps],
          ["Calls, last 30 days", stats.calls30d],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="text-2xl font-semibold tabular-nums">{formatNumber(Number(value))}</div>
            <div className="text-sm text-slate-500">{label}</div>
          </div>
        ))}
      </section>
      <section className="space-y-3" aria-labelledby="most-used">
        <div className="flex items-baseline justify-between">
          <h2 id="most-used" className="text-xl font-semibold">
            Most used
          </h2>
          <Link href="/models?sort=most_used" className="text-sm text-brand-600 hover:underline">
            Browse the catalog →
          </Link>
        </div>
        <ModelCardList
          models={mostUsed.items}
          label="Most used models"
          emptyText="No models yet. Publishers can add the first one from Publish."
        />
      </section>
      <section className="space-y-3" aria-labelledby="recent">
        <h2 id="recent" className="text-xl font-semibold">
          Recently published
        </h2>
        <ModelCardList models={recent} label="Recently published models" emptyText="Nothing approved yet." />
      </section>
    </div>
  );
}
