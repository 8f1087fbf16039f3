import Link from "next/link";
import type { CatalogItem } from "@/lib/catalog/schemas";
import { formatNumber } from "@/lib/format";
import { HealthBadge } from "@/components/model-health/health-badge";

/** Only drafts (or rejected versions): nothing submitted yet; shown to the owning team, who alone see drafts. */
export const isDraftOnly = (statuses: readonly string[]) =>
  statuses.includes("draft") && !statuses.some((s) => s === "pending_review" || s === "approved" || s === "deprecated");

/** One catalog result: name, owner, summary, health, task/framework/version badges, stars and 30-day calls. */
export function ModelCard({ model }: { model: CatalogItem }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500">
      <Link href={`/models/${model.owner}/${model.name}`} className="block">
        <div className="flex items-start justify-between gap-2">
          <h3 className="font-semibold text-slate-900">{model.displayName}</h3>
          <span className="flex shrink-0 gap-1">
            {model.visibility === "gated" && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">gated</span>}
            {model.awaitingApproval && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">awaiting approval</span>}
            {isDraftOnly(model.statuses) && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">draft only</span>}
            <HealthBadge status={model.healthStatus} />
          </span>
        </div>
        <p className="font-mono text-xs text-slate-500">
          {model.owner}/{model.name}
        </p>
        <p className="mt-2 line-clamp-2 text-sm text-slate-600">{model.summary}</p>
        <div className="mt-3 flex flex-wrap items-center gap-1.5 text-xs">
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">{model.task}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">{model.framework}</span>
          {model.latestVersion && <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-700">v{model.latestVersion}</span>}
          <span className="ml-auto text-slate-500" data-testid="card-stars" aria-label={`${model.stars} stars`}>
            ★ {formatNumber(model.stars)}
          </span>
          <span className="text-slate-500" data-testid="card-calls">
            {formatNumber(model.calls30d)} calls / 30 d
          </span>
        </div>
      </Link>
    </li>
  );
}

export function ModelCardList({ models, emptyText, label }: { models: CatalogItem[]; emptyText: string; label: string }) {
  if (models.length === 0) return <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">{emptyText}</p>;
  return (
    <ul aria-label={label} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="model-list">
      {models.map((m) => (
        <ModelCard key={m.id} model={m} />
      ))}
    </ul>
  );
}
