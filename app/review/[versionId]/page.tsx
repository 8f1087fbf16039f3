import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { DeprecatePanel } from "@/components/governance/deprecate-panel";
import { ReviewDecisionForm } from "@/components/governance/review-decision-form";
import { ChecklistList } from "@/components/publishing/checklist-list";
import { CommentForm } from "@/components/publishing/comment-form";
import { RunExampleButton } from "@/components/publishing/run-example-button";
import { ShadowPanel } from "@/components/rollouts/shadow-panel";
import { GoldenRunSummary } from "@/components/rollouts/golden-run-summary";
import { requireUser } from "@/lib/auth/require-user";
import { goldenSuiteOf } from "@/lib/golden-tests/get-golden-tests";
import { shadowOf } from "@/lib/rollouts/get-shadow";
import { getReviewDetail } from "@/lib/governance/get-review-detail";
import { formatAge, formatDate } from "@/lib/format";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Review a version" };

export default async function ReviewVersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  const user = await requireUser("versions:review");
  const { versionId } = await params;
  const v = await getReviewDetail({ versionId, viewerId: user.id }).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  });
  const modelUrl = `/api/v1/models/${encodeURIComponent(v.owner)}/${encodeURIComponent(v.model.name)}`;
  const base = `${modelUrl}/versions/${encodeURIComponent(v.version)}`;
  const [shadow, golden] = await Promise.all([shadowOf(v.model.id), goldenSuiteOf(v.id)]);
  const approvals = v.reviews.filter((r) => r.decision === "approve").length;
  const d = v.diff;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link className="text-sky-700 underline" href="/review">
          ← Review queue
        </Link>
      </p>
      <PageTitle
        title={`${v.model.displayName} ${v.version}`}
        subtitle={`${v.model.slug} · ${v.status} · risk ${v.model.riskLevel ?? "not set"} · submitted by ${v.submitter} ${formatAge(v.submittedAt)} ago`}
      />

      <section aria-labelledby="checklist-h" className="space-y-2">
        <h2 id="checklist-h" className="text-lg font-semibold">
          Policy checklist
        </h2>
        <ChecklistList items={v.checklist} />
        <RunExampleButton url={`${base}/invoke`} example={v.exampleInput} />
      </section>

      {golden.cases.length > 0 && (
        <section aria-labelledby="golden-h" className="space-y-2">
          <h2 id="golden-h" className="text-lg font-semibold">
            Golden tests ({golden.cases.length})
          </h2>
          <GoldenRunSummary run={golden.lastRun} />
        </section>
      )}

      <section aria-labelledby="shadow-h" className="space-y-2">
        <h2 id="shadow-h" className="text-lg font-semibold">
          Shadow traffic
        </h2>
        <ShadowPanel
          modelUrl={modelUrl}
          version={v.version}
          canShadow={v.status === "pending_review" || v.status === "approved"}
          view={shadow}
        />
      </section>

      <section aria-labelledby="diff-h" className="space-y-2">
        <h2 id="diff-h" className="text-lg font-semibold">
          What changed since {d.previousVersion ?? "— (first version)"}
        </h2>
        <p className="text-sm">
          Runtime: {d.runtime.changed ? `${d.runtime.before} → ${d.runtime.after}` : d.runtime.after}
          {d.cardChangedSincePrevious === null
            ? ""
            : d.cardChangedSincePrevious
              ? " · model card edited since the previous version"
              : " · model card unchanged"}
        </p>
        <DataTable
          caption="Input schema changes"
          columns={["Input field", "Change", "Before", "After"]}
          empty="No input schema changes."
          rows={d.inputSchema.map((c) => [c.path, c.change, c.before ?? "", c.after ?? ""])}
        />
        <DataTable
          caption="Output schema changes"
          columns={["Output field", "Change", "Before", "After"]}
          empty="No output schema changes."
          rows={d.outputSchema.map((c) => [c.path, c.change, c.before ?? "", c.after ?? ""])}
        />
        <h3 className="font-medium">Changelog</h3>
        <pre className="whitespace-pre-wrap rounded bg-slate-50 p-3 text-sm">{d.changelog || "(empty)"}</pre>
        <details>
          <summary className="cursor-pointer text-sm font-medium">Model card</summary>
          <pre className="whitespace-pre-wrap rounded bg-slate-50 p-3 text-sm">{v.model.card || "(empty)"}</pre>
        </details>
      </section>

      <section aria-labelledby="comments-h" className="space-y-2">
        <h2 id="comments-h" className="text-lg font-semibold">
          Comments
        </h2>
        {v.comments.length === 0 ? (
          <p className="text-sm text-slate-600">No comments yet. Ask the publishers a question without deciding; they are notified.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {v.comments.map((c) => (
              <li key={c.id}>
                <span className="text-slate-500">{formatDate(c.createdAt)}</span> — {c.author.name}: “{c.body}”
              </li>
            ))}
          </ul>
        )}
        {v.status !== "draft" && <CommentForm url={`${base}/comments`} label="Comment to the publishers" />}
      </section>

      <section aria-labelledby="decision-h" className="space-y-2">
        <h2 id="decision-h" className="text-lg font-semibold">
          Decision ({approvals} of {v.approvalsRequired} approvals)
        </h2>
        <DataTable
          caption="Reviews so far"
          columns={["Reviewer", "Decision", "Comment", "When"]}
          empty="No reviews yet."
          rows={v.reviews.map((r) => [r.reviewer.name, r.decision, r.comment, formatDate(r.createdAt)])}
        />
        {v.status !== "pending_review" ? (
          <>
            <p className="text-sm text-slate-600">This version is {v.status}; there is nothing to decide.</p>
            {v.status === "approved" && <DeprecatePanel url={`${base}/deprecate`} version={v.version} replacements={[]} />}
          </>
        ) : v.ownVersion ? (
          <p role="note" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
            Separation of duties: you created or submitted this version, so another reviewer must decide.
          </p>
        ) : v.alreadyReviewed ? (
          <p className="text-sm text-slate-600">You have approved this version; a second reviewer must approve it too.</p>
        ) : (
          <ReviewDecisionForm url={`${base}/review`} />
        )}
      </section>
    </div>
  );
}
