import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { listReviewQueue } from "@/lib/governance/list-review-queue";
import { formatAge } from "@/lib/format";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  await requireUser("versions:review");
  const queue = await listReviewQueue();
  return (
    <div className="space-y-4">
      <PageTitle title="Review queue" subtitle={`${queue.length} versions waiting for a decision, oldest first.`} />
      <p className="text-sm"><Link className="text-sky-700 underline" href="/governance/access-requests">Access requests to decide →</Link></p>
      <DataTable
        caption="Versions pending review"
        columns={["Model", "Version", "Runtime", "Risk", "Submitted by", "In queue", "Checklist", "Approvals"]}
        empty="Nothing is waiting for review."
        rows={queue.map((v) => [
          <Link key="m" className="text-sky-700 underline" href={`/review/${v.id}`}>{v.model.displayName} <span className="text-slate-500">({v.model.slug})</span></Link>,
          v.version,
          v.runtime,
          v.model.riskLevel ?? "not set",
          v.submittedBy?.name ?? "—",
          formatAge(v.submittedAt),
          v.missing.length === 0 ? <span key="c" className="text-emerald-700">complete</span> : <span key="c" className="text-rose-700" title={v.missing.join(", ")}>{v.missing.length} missing</span>,
          `${v.approvals} / ${v.approvalsRequired}`,
        ])}
      />
    </div>
  );
}
