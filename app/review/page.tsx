import type { Metadata } from "next";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { listReviewQueue } from "@/lib/governance/list-review-queue";
import { formatAge } from "@/lib/format";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  await requireUser("versions:review");
  const queue = await listReviewQueue();
  return (
    <div>
      <PageTitle title="Review queue" subtitle={`${queue.length} versions waiting for a decision, oldest first.`} />
      <DataTable
        caption="Versions pending review"
        columns={["Model", "Version", "Runtime", "Risk", "Submitted by", "In queue"]}
        empty="Nothing is waiting for review."
        rows={queue.map((v) => [v.model.displayName, v.version, v.runtime, v.model.riskLevel ?? "not set", v.submittedBy?.name ?? "—", formatAge(v.submittedAt)])}
      />
    </div>
  );
}
