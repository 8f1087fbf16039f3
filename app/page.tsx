import Link from "next/link";
import { ModelList } from "@/components/model-list";
import { catalogStats } from "@/lib/catalog/catalog-stats";
import { listModels } from "@/lib/catalog/list-models";
import { getCurrentUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getCurrentUser();
  const [stats, recent] = await Promise.all([catalogStats(), listModels({ viewerTeamIds: user?.teamIds, orderBy: "updated", take: 6 })]);
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-brand-600 to-brand-700 px-8 py-10 text-white">
        <h1 className="text-3xl font-semibold">Find, try and call your company&apos;s models</h1>
        <p className="mt-2 max-w-2xl text-brand-100">Every model with its card, versions and a ready-to-run snippet — and what each one costs and earns.</p>
        <form action="/models" className="mt-6 flex max-w-xl gap-2" role="search">
          <label htmlFor="home-q" className="sr-only">Search models</label>
          <input id="home-q" name="q" placeholder="Search models, e.g. sentiment, fraud, iris" className="flex-1 rounded-md px-3 py-2 text-slate-900 bg-white" />
          <button className="rounded-md bg-white/15 px-4 py-2 font-medium hover:bg-white/25">Search</button>
        </form>
      </section>
      <section aria-label="Catalog numbers" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          ["Models", stats.models],
          ["Approved versions", stats.approvedVersions],
          ["Consumer apps", stats.apps],
          ["Calls, last 30 days", stats.calls30d],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="text-2xl font-semibold tabular-nums">{Number(value).toLocaleString("en-US")}</div>
            <div className="text-sm text-slate-500">{label}</div>
          </div>
        ))}
      </section>
      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 className="text-xl font-semibold">Recently updated</h2>
          <Link href="/models" className="text-sm text-brand-600 hover:underline">Browse the catalog →</Link>
        </div>
        <ModelList models={recent} />
      </section>
    </div>
  );
}
