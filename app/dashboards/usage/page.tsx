import type { Metadata } from "next";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { usageByModel } from "@/lib/usage/usage-by-model";
import { formatMoney, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  await requireUser("usage:read");
  const rows = await usageByModel(30);
  return (
    <div>
      <PageTitle title="Usage" subtitle="Calls through the gateway per model, last 30 days." />
      <DataTable
        caption="Usage per model"
        columns={["Model", "Calls", "Errors", "Error rate", "Cost", "Value"]}
        empty="No calls recorded in the last 30 days."
        rows={rows.map((r) => [r.model.displayName, formatNumber(r.calls), formatNumber(r.errors), `${((r.errors / Math.max(1, r.calls)) * 100).toFixed(1)} %`, formatMoney(r.costMicros), formatMoney(r.valueMicros)])}
      />
    </div>
  );
}
