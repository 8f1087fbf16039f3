import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { DraftActions } from "@/components/publishing/draft-actions";
import { VersionReviewPanel } from "@/components/publishing/version-review-panel";
import { CanaryPanel } from "@/components/rollouts/canary-panel";
import { requireUser } from "@/lib/auth/require-user";
import { canaryOf } from "@/lib/rollouts/get-canary";
import { renderMarkdown } from "@/lib/catalog/render-markdown";
import { formatMoney } from "@/lib/format";
import { getOwnModel } from "@/lib/publishing/get-own-model";
import { getReviewStatus } from "@/lib/publishing/get-review-status";
import { publisherOfUser } from "@/lib/publishing/publisher";

export const metadata: Metadata = { title: "Manage model" };

const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

export default async function ManageModelPage({ params }: { params: Promise<{ owner: string; name: string }> }) {
  const { owner, name } = await params;
  const user = await requireUser("models:publish");
  const model = await getOwnModel(publisherOfUser(user), owner, name);
  if (!model) notFound();
  const [review, canary] = await Promise.all([getReviewStatus(model.id), canaryOf(model.id)]);
  return (
    <div className="space-y-6">
      <PageTitle
        title={model.displayName}
        subtitle={`${model.slug} · ${model.teamName} · ${model.visibility} · ${model.task} · ${model.framework}`}
      />
      <div className="flex flex-wrap gap-2">
        <Link href={`/publish/${model.slug}/edit`} className={linkClass}>
          Edit model and card
        </Link>
        <Link href={`/models/${model.slug}`} className={linkClass}>
          View in catalog
        </Link>
      </div>
      <p className="text-slate-700">{model.summary}</p>
      <p className="text-sm text-slate-600">
        Value per successful call: {formatMoney(model.valuePerCallMicros)}
        {model.businessOwner && (
          <>
            {" "}
            · Business owner: {model.businessOwner.name} ({model.businessOwner.email})
          </>
        )}{" "}
        · Risk: {model.riskLevel ?? "not assessed"} · License: {model.license ?? "not set"}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Versions</h2>
        <Link
          href={`/publish/${model.slug}/versions/new`}
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Add version
        </Link>
      </div>
      <DataTable
        caption="Versions"
        columns={["Version", "Status", "Runtime", "Artifact / endpoint", "Changelog", "Actions"]}
        empty="No versions yet: add the first one."
        rows={model.versions.map((v) => [
          <span key="v" className="font-mono">
            {v.version}
          </span>,
          <span key="s" data-testid={`status-${v.version}`}>
            {v.status.replace("_", " ")}
          </span>,
          v.runtime,
          v.runtime === "onnx" ? (
            <span key="a" className="font-mono text-xs">
              sha256:{v.artifactSha256?.slice(0, 12)}… · {v.artifactSize} B
            </span>
          ) : (
            <span key="a" className="break-all text-xs">
              {v.endpointUrl} ({v.protocol})
            </span>
          ),
          <span key="c" className="whitespace-pre-line text-xs">
            {v.changelog}
          </span>,
          v.status === "draft" ? (
            <DraftActions key="d" owner={model.owner} name={model.name} version={v.version} />
          ) : (
            <span key="d" className="text-xs text-slate-500">
              immutable
            </span>
          ),
        ])}
      />
      {review.length > 0 && (
        <section aria-labelledby="review-h" className="space-y-3">
          <h2 id="review-h" className="text-lg font-semibold">
            Review
          </h2>
          {review.map((r) => (
            <VersionReviewPanel
              key={r.versionId}
              status={r}
              owner={model.owner}
              name={model.name}
              exampleInput={model.versions.find((v) => v.version === r.version)?.exampleInput ?? null}
            />
          ))}
        </section>
      )}
      <section aria-labelledby="canary-h" className="space-y-2">
        <h2 id="canary-h" className="text-lg font-semibold">
          Canary
        </h2>
        <CanaryPanel
          modelUrl={`/api/v1/models/${encodeURIComponent(model.owner)}/${encodeURIComponent(model.name)}`}
          approved={model.versions.filter((v) => v.status === "approved").map((v) => v.version)}
          view={canary}
        />
      </section>
      <section aria-labelledby="card-h" className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 id="card-h" className="text-lg font-semibold">
            Model card preview
          </h2>
          <Link href={`/publish/${model.slug}/edit`} className="text-sm font-medium text-brand-700 hover:underline">
            Edit the card
          </Link>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5">
          {model.card.trim() ? (
            <article className="model-card" data-testid="card-preview" dangerouslySetInnerHTML={{ __html: renderMarkdown(model.card) }} />
          ) : (
            <p className="text-slate-500">
              No model card yet: reviewers need its Intended use, Limitations, Training data and Evaluation sections.
            </p>
          )}
        </div>
      </section>
    </div>
  );
}
