import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonBlock } from "@/components/catalog/json-block";
import { ModelFactsPanel } from "@/components/catalog/model-facts-panel";
import { StatusBadge } from "@/components/catalog/status-badge";
import { VersionTimeline } from "@/components/catalog/version-timeline";
import { ModelPageExtras } from "@/components/catalog/model-page-extras";
import { modelFacts } from "@/lib/catalog/model-facts";
import { modelForPage } from "@/lib/catalog/model-for-page";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ owner: string; name: string; version: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { owner, name, version } = await params;
  const model = await modelForPage(owner, name);
  return { title: `${model.displayName} v${decodeURIComponent(version)}` };
}

export default async function VersionPage({ params }: Params) {
  const { owner, name, version: raw } = await params;
  const model = await modelForPage(owner, name);
  const version = model.versions.find((v) => v.version === decodeURIComponent(raw));
  if (!version) notFound();
  const facts = await modelFacts({ modelId: model.id, versionId: version.id });
  const basePath = `/models/${model.owner}/${model.name}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Catalog
        </Link>{" "}
        /{" "}
        <Link href={basePath} className="hover:underline">
          {model.owner}/{model.name}
        </Link>
      </nav>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-3xl font-semibold">
            {model.displayName} <span className="font-mono">v{version.version}</span>
          </h1>
          <StatusBadge status={version.status} />
        </div>
        <p className="text-sm text-slate-500">
          Runtime {version.runtime}
          {version.httpProtocol ? ` (${version.httpProtocol})` : ""}
        </p>
        {version.deprecationMessage && <p className="text-orange-800">{version.deprecationMessage}</p>}
        <Link
          href={`${basePath}/health?version=${encodeURIComponent(version.version)}`}
          className="inline-block text-sm text-blue-700 hover:underline"
        >
          Health of v{version.version}
        </Link>
      </header>
      <ModelPageExtras
        modelSlug={`${model.owner}/${model.name}`}
        modelId={model.id}
        version={version.version}
        visibility={model.visibility}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <ModelFactsPanel facts={facts} title={`v${version.version}, last 30 days`} />
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">Changelog</h2>
            <p className="whitespace-pre-wrap text-sm text-slate-700">{version.changelog || "—"}</p>
          </section>
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">Input and output</h2>
            <div className="grid gap-4 md:grid-cols-2">
              <JsonBlock title="Input schema" value={version.inputSchema} />
              <JsonBlock title="Output schema" value={version.outputSchema} />
            </div>
            <JsonBlock title="Example input" value={version.exampleInput} />
            <JsonBlock title="Cost model" value={version.costModel} />
          </section>
        </div>
        <aside className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">All versions</h2>
          <VersionTimeline versions={model.versions} basePath={basePath} />
        </aside>
      </div>
    </div>
  );
}
