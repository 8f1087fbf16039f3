import type { Metadata } from "next";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { listDeprecatedCallers } from "@/lib/governance/list-deprecated-callers";
import { formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Governance" };

export default async function GovernancePage() {
  await requireUser("governance:read");
  const deprecated = await listDeprecatedCallers();
  return (
    <div>
      <PageTitle title="Governance" subtitle="Deprecated versions that are still being called." />
      <DataTable
        caption="Deprecated versions"
        columns={["Model", "Version", "Sunset", "Calls, last 30 days"]}
        empty="No deprecated versions."
        rows={deprecated.map((v) => [v.model.slug, v.version, formatDate(v.sunsetAt), formatNumber(v.calls30d)])}
      />
    </div>
  );
}
