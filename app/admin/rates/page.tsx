import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireUser } from "@/lib/auth/require-user";
import { formatMoney } from "@/lib/format";
import { listHardwareRates } from "@/lib/usage/list-hardware-rates";
import { RateForm } from "@/components/admin/rate-form";
import { addHardwareRate } from "@/app/admin/rates/actions";

export const metadata: Metadata = { title: "Hardware rates" };

export default async function RatesPage() {
  await requireUser("admin:manage");
  const rates = await listHardwareRates();
  const now = new Date();
  // Rates are sorted newest first per class, so the first one already in effect is the current one.
  const current = new Set<string>();
  const seen = new Set<string>();
  for (const r of rates) {
    if (r.effectiveFrom > now || seen.has(r.hardwareClass)) continue;
    seen.add(r.hardwareClass);
    current.add(r.id);
  }
  return (
    <div className="space-y-6">
      <AdminNav />
      <PageTitle
        title="Hardware rates"
        subtitle="Hourly prices per hardware class for compute-time cost models. A new rate applies from its effective date; calls already recorded keep their cost."
      />
      <RateForm action={addHardwareRate} />
      <DataTable
        caption="Hardware rates"
        empty="No rates yet. Add one so compute-time versions get a cost."
        columns={["Hardware class", "Hourly rate", "Effective from (UTC)", "Status", "Added by"]}
        rows={rates.map((r) => [
          r.hardwareClass,
          formatMoney(r.hourlyRateMicros),
          r.effectiveFrom.toISOString().slice(0, 16).replace("T", " "),
          r.effectiveFrom > now ? "scheduled" : current.has(r.id) ? "current" : "past",
          r.createdBy?.email ?? "—",
        ])}
      />
    </div>
  );
}
