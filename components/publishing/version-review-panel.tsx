import { ChecklistList } from "@/components/publishing/checklist-list";
import { CommentForm } from "@/components/publishing/comment-form";
import Link from "next/link";
import { RunExampleButton } from "@/components/publishing/run-example-button";
import { SubmitVersionButton } from "@/components/publishing/submit-version-button";
import type { VersionReviewStatus } from "@/lib/publishing/get-review-status";

// Checklist items fixed on the model (the Edit page), not on the version.
const MODEL_ITEMS = new Set([
  "card_intended_use",
  "card_limitations",
  "card_training_data",
  "card_evaluation",
  "license",
  "business_owner",
  "risk_level",
]);

type Props = { status: VersionReviewStatus; owner: string; name: string; exampleInput: unknown };

/**
 * One version's way through review, from the publisher's side: before submitting, the live checklist with
 * "Run example"; once submitted, who was told, how many approvals it needs and what happens next; after a
 * decision, the reviewers' words. Comments go both ways.
 */
export function VersionReviewPanel({ status: s, owner, name, exampleInput }: Props) {
  const base = `/api/v1/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/versions/${encodeURIComponent(s.version)}`;
  const approvals = s.reviews.filter((r) => r.decision === "approve").length;
  const title =
    s.status === "draft"
      ? `Ready for review? Version ${s.version}`
      : s.status === "pending_review"
        ? `In review: version ${s.version}`
        : `Version ${s.version} was rejected`;
  return (
    <section
      aria-label={title}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`review-panel-${s.version}`}
    >
      <h3 className="font-semibold">{title}</h3>
      {s.status === "draft" && (
        <>
          <p className="text-sm text-slate-600">
            Reviewers approve a version only when every item below holds.{" "}
            {s.blockers.length === 0 ? "Everything holds: submit it." : "Fix what is marked ✗; the list updates as you do."}
          </p>
          <ChecklistList items={s.checklist} testId={`checklist-${s.version}`} />
          {s.checklist.some((i) => !i.ok && MODEL_ITEMS.has(i.key)) && (
            <p className="text-sm">
              <Link href={`/publish/${owner}/${name}/edit`} className="font-medium text-brand-700 hover:underline">
                Edit the model and card
              </Link>{" "}
              for the card sections, license, business owner and risk level.
            </p>
          )}
          <RunExampleButton url={`${base}/invoke`} example={exampleInput} label={`Run the example of ${s.version}`} />
          <SubmitVersionButton owner={owner} name={name} version={s.version} blockers={s.blockers} />
        </>
      )}
      {s.status === "pending_review" && (
        <div className="space-y-2 text-sm" data-testid="next-steps">
          <p>
            {s.notifiedReviewers.length > 0 ? (
              <>
                Reviewers notified: <strong>{s.notifiedReviewers.join(", ")}</strong>.
              </>
            ) : (
              <>No reviewer account exists yet: ask an admin to give someone the reviewer role.</>
            )}
          </p>
          <p>
            It needs {s.approvalsRequired === 2 ? "two approvals from different reviewers (high-risk model)" : "one reviewer's approval"};{" "}
            {approvals} so far. A reviewer checks the checklist, runs the example and approves or rejects. You get a notification (the bell
            at the top) when they decide or comment; once approved, applications can call it and it appears as the latest version in the
            catalog.
          </p>
        </div>
      )}
      {(s.reviews.length > 0 || s.comments.length > 0) && (
        <ul className="space-y-1 text-sm" aria-label="Decisions and comments">
          {[
            ...s.reviews.map((r) => ({
              at: r.at,
              text: `${r.reviewer} ${r.decision === "approve" ? "approved" : "rejected"}${r.comment ? `: “${r.comment}”` : ""}`,
            })),
            ...s.comments.map((c) => ({ at: c.at, text: `${c.author}: “${c.body}”` })),
          ]
            .sort((a, b) => a.at.getTime() - b.at.getTime())
            .map((e, i) => (
              <li key={i}>
                <span className="text-slate-500">{e.at.toISOString().slice(0, 16).replace("T", " ")} UTC</span> — {e.text}
              </li>
            ))}
        </ul>
      )}
      {s.status !== "draft" && <CommentForm url={`${base}/comments`} label={`Reply to the reviewers about ${s.version}`} />}
    </section>
  );
}
