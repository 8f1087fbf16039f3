import type { Metadata } from "next";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { roiByBusinessUnit } from "@/lib/usage/roi-by-business-unit";
import { formatMoney, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "ROI" };

function roi(value: bigint, cost: bigint): string {
  return cost === BigInt(0) ? "—" : `${((Number(value - cost) / Number(cost)) * 100).toFixed(0)} %`;
}

export default async function RoiPage() {
  await requireUser("roi:read");
  const rows = await roiByBusinessUnit(30);
  return (
    <div>
      <PageTitle title="Return on investment" subtitle="Cost and value charged to each consuming business unit, last 30 days." />
      <DataTable
        caption="ROI per business unit"
        columns={["Business unit", "Calls", "Cost", "Value", "ROI"]}
        empty="No business units yet."
        rows={rows.map((r) => [r.name, formatNumber(r.calls), formatMoney(r.cost), formatMoney(r.value), roi(r.value, r.cost)])}
      />
    </div>
  );
}
