import type { Metadata } from "next";
import Link from "next/link";
import { JsonBlock } from "@/components/catalog/json-block";
import { isDraftOnly } from "@/components/catalog/model-card";
import { ModelFactsPanel } from "@/components/catalog/model-facts-panel";
import { ModelMetadata } from "@/components/catalog/model-metadata";
import { VersionTimeline } from "@/components/catalog/version-timeline";
import { ModelPageExtras } from "@/components/catalog/model-page-extras";
import { OwnerLinks } from "@/components/publishing/owner-links";
import { ModelCollectionsPanel } from "@/components/collections/model-collections-panel";
import { StarButton } from "@/components/collections/star-button";
import { HealthBadge } from "@/components/model-health/health-badge";
import { OpenAlertsPanel } from "@/components/model-health/open-alerts-panel";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getStarState } from "@/lib/collections/get-star-state";
import { modelForPage } from "@/lib/catalog/model-for-page";
import { renderMarkdown } from "@/lib/catalog/render-markdown";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ owner: string; name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { owner, name } = await params;
  const model = await modelForPage(owner, name);
  return { title: model.displayName, description: model.summary };
}

export default async function ModelPage({ params }: Params) {
  const { owner, name } = await params;
  const model = await modelForPage(owner, name);
  const current = model.versions.find((v) => v.version === model.latestVersion) ?? model.versions[0] ?? null;
  const basePath = `/models/${model.owner}/${model.name}`;
  const user = await getCurrentUser();
  const star = await getStarState({ modelId: model.id, userId: user?.id ?? null });
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Catalog
        </Link>{" "}
        / {model.owner}
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-3xl font-semibold">{model.displayName}</h1>
          {model.visibility === "gated" && <span className="rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-800">gated</span>}
          {model.awaitingApproval && <span className="rounded bg-slate-200 px-2 py-0.5 text-sm text-slate-700">awaiting approval</span>}
          {isDraftOnly(model.versions.map((v) => v.status)) && (
            <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-600">draft only</span>
          )}
          {model.latestVersion && (
            <span className="rounded bg-emerald-50 px-2 py-0.5 text-sm text-emerald-700">latest v{model.latestVersion}</span>
          )}
          <HealthBadge status={model.healthStatus} />
          <StarButton slug={`${model.owner}/${model.name}`} stars={star.stars} starred={star.starred} signedIn={Boolean(user)} />
        </div>
        <p className="font-mono text-sm text-slate-500">
          {model.owner}/{model.name}
        </p>
        <OwnerLinks modelId={model.id} slug={`${model.owner}/${model.name}`} />
        <Link href={`${basePath}/health`} className="inline-block text-sm text-blue-700 hover:underline">
          Health: drift, data quality, captured calls
        </Link>
        <p className="max-w-3xl text-slate-700">{model.summary}</p>
        <ul className="flex flex-wrap gap-1.5 text-xs" aria-label="Tags">
          {model.tags.map((t) => (
            <li key={t}>
              <Link
                href={`/models?tag=${encodeURIComponent(t)}`}
                className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 hover:bg-slate-200"
              >
                #{t}
              </Link>
            </li>
          ))}
        </ul>
      </header>
      <OpenAlertsPanel owner={model.owner} name={model.name} version={current?.version ?? null} />
      <ModelPageExtras
        modelSlug={`${model.owner}/${model.name}`}
        modelId={model.id}
        version={current?.version ?? null}
        visibility={model.visibility}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <ModelFactsPanel facts={model.facts} />
          <section aria-labelledby="card-title" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="card-title" className="sr-only">
              Model card
            </h2>
            {model.card.trim() ? (
              <article className="model-card" data-testid="model-card" dangerouslySetInnerHTML={{ __html: renderMarkdown(model.card) }} />
            ) : (
              <p className="text-slate-500">The publisher has not written a model card yet.</p>
            )}
          </section>
          {(model.intendedUse || model.limitations) && (
            <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-2">
              <div>
                <h2 className="font-semibold">Intended use</h2>
                <p className="whitespace-pre-wrap text-sm text-slate-700">{model.intendedUse || "—"}</p>
              </div>
              <div>
                <h2 className="font-semibold">Limitations</h2>
                <p className="whitespace-pre-wrap text-sm text-slate-700">{model.limitations || "—"}</p>
              </div>
            </section>
          )}
          {current && (
            <section aria-labelledby="io-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
              <h2 id="io-title" className="font-semibold">
                Input and output (v{current.version})
              </h2>
              <div className="grid gap-4 md:grid-cols-2">
                <JsonBlock title="Input schema" value={current.inputSchema} />
                <JsonBlock title="Output schema" value={current.outputSchema} />
              </div>
              <JsonBlock title="Example input" value={current.exampleInput} />
            </section>
          )}
        </div>
        <aside className="space-y-6">
          <ModelMetadata model={model} />
          <ModelCollectionsPanel slug={`${model.owner}/${model.name}`} />
          <section aria-labelledby="versions-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="versions-title" className="mb-3 font-semibold">
              Versions
            </h2>
            <VersionTimeline versions={model.versions} basePath={basePath} />
          </section>
        </aside>
      </div>
    </div>
  );
}
