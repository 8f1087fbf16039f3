import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { AccessDecisionButtons } from "@/components/governance/access-decision-buttons";
import { requireUser } from "@/lib/auth/require-user";
import { listAccessRequestsToDecide } from "@/lib/governance/list-access-requests";
import { formatAge } from "@/lib/format";

export const metadata: Metadata = { title: "Access requests" };

// Deciders' queue: reviewers and admins see every pending request, maintainers those on their team's models.
export default async function AccessRequestsPage() {
  const user = await requireUser("access:decide");
  const requests = await listAccessRequestsToDecide({ user });
  return (
    <div>
      <PageTitle title="Access requests" subtitle={`${requests.length} requests for gated models waiting for you, oldest first.`} />
      <DataTable
        caption="Pending access requests"
        columns={["Model", "App", "Team / business unit", "Requested by", "Reason", "Waiting", "Decision"]}
        empty="No access requests are waiting for you."
        rows={requests.map((r) => [
          r.model.slug,
          r.app.name,
          `${r.app.team.name} / ${r.app.team.businessUnit.name}`,
          r.requester.name,
          r.reason,
          formatAge(r.createdAt),
          <AccessDecisionButtons
            key={r.id}
            label={`${r.app.name} access to ${r.model.slug}`}
            url={`/api/v1/models/${encodeURIComponent(r.model.team.slug)}/${encodeURIComponent(r.model.name)}/access-requests/${r.id}/decision`}
          />,
        ])}
      />
    </div>
  );
}
