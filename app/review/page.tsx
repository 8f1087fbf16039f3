import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { requireUser } from "@/lib/auth/require-user";
import { listReviewQueue } from "@/lib/governance/list-review-queue";
import { formatAge } from "@/lib/format";

export const metadata: Metadata = { title: "Review queue" };

type Row = Awaited<ReturnType<typeof listReviewQueue>>[number];

const columns = ["Model", "Version", "Runtime", "Risk", "Submitted by", "In queue", "Checklist", "Approvals"];
const rowOf = (v: Row) => [
  <Link key="m" className="text-sky-700 underline" href={`/review/${v.id}`}>
    {v.model.displayName} <span className="text-slate-500">({v.model.slug})</span>
  </Link>,
  v.version,
  v.runtime,
  v.model.riskLevel ?? "not set",
  <span key="s" className="text-sm">
    {v.submitter}
  </span>,
  formatAge(v.submittedAt),
  v.missing.length === 0 ? (
    <span key="c" className="text-emerald-700">
      complete
    </span>
  ) : (
    <span key="c" className="text-rose-700" title={v.missing.join(", ")}>
      {v.missing.length} missing
    </span>
  ),
  `${v.approvals} / ${v.approvalsRequired}`,
];

export default async function ReviewPage() {
  const user = await requireUser("versions:review");
  const queue = await listReviewQueue(user.id);
  const mine = queue.filter((v) => v.waitingForMe);
  const others = queue.filter((v) => !v.waitingForMe);
  return (
    <div className="space-y-4">
      <PageTitle title="Review queue" subtitle={`${queue.length} versions waiting for a decision, oldest first.`} />
      <p className="text-sm">
        <Link className="text-sky-700 underline" href="/governance/access-requests">
          Access requests to decide →
        </Link>
      </p>
      <section aria-labelledby="mine-h" className="space-y-2" data-testid="waiting-for-me">
        <h2 id="mine-h" className="text-lg font-semibold">
          Waiting for me ({mine.length})
        </h2>
        <DataTable caption="Versions you can decide now" columns={columns} empty="Nothing is waiting for you." rows={mine.map(rowOf)} />
      </section>
      <section aria-labelledby="others-h" className="space-y-2">
        <h2 id="others-h" className="text-lg font-semibold">
          Waiting for another reviewer ({others.length})
        </h2>
        <p className="text-sm text-slate-600">
          Versions you submitted or created, or already approved (a high-risk version needs a second reviewer).
        </p>
        <DataTable caption="Versions for other reviewers" columns={columns} empty="None." rows={others.map(rowOf)} />
      </section>
    </div>
  );
}
