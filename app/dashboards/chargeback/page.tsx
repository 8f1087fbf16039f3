import type { Metadata } from "next";
import { principalOfUser } from "@/lib/auth/principal";
import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { FilterForm } from "@/components/charts/filter-form";
import { PrintButton } from "@/components/charts/print-button";
import { requireUser } from "@/lib/auth/require-user";
import { formatMoney, formatNumber } from "@/lib/format";
import type { SearchParams } from "@/lib/usage/dashboard-params";
import { getChargeback } from "@/lib/usage/get-chargeback";
import { listBusinessUnits } from "@/lib/usage/list-business-units";
import { usageViewerForUser } from "@/lib/usage/usage-viewer";

export const metadata: Metadata = { title: "Chargeback" };

// Print: only the statement — no site header, navigation or filters.
const PRINT_CSS = `@media print { body > header, header, nav, form, .print\\:hidden { display: none !important; } main { padding: 0 !important; } table { font-size: 10pt; } section { break-inside: avoid; } }`;

function lastMonths(now: Date, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

export default async function ChargebackPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("usage:read");
  const params = await searchParams;
  const months = lastMonths(new Date(), 13);
  const monthParam = typeof params.month === "string" ? params.month : "";
  const month = months.includes(monthParam) || /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : months[0];
  const units = await listBusinessUnits();
  const wanted = typeof params.unit === "string" ? params.unit : "";
  const unit = units.find((u) => u.id === wanted || u.slug === wanted);
  const report = await getChargeback({ month, businessUnit: unit?.slug, viewer: usageViewerForUser(user) });
  // Each unit's monthly budget (where the viewer may see it), as the line the statement is measured against.
  const monthly = new Map(
    (await listBudgets({ authority: await budgetAuthorityOf(principalOfUser(user)) }))
      .filter((b) => b.scope.kind === "business_unit" && b.period === "month")
      .map((b) => [b.scope.slug, b.amountMicros]),
  );
  const csv = `/api/v1/chargeback?month=${month}${unit ? `&businessUnit=${encodeURIComponent(unit.slug)}` : ""}&format=csv`;
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <PageTitle
        title={`Chargeback statement — ${month}`}
        subtitle={unit ? `${unit.name} (cost centre ${unit.costCenter})` : "Every consuming business unit"}
      />
      <FilterForm
        fields={[
          { kind: "select", name: "month", label: "Month", value: month, options: months.map((m) => ({ value: m, label: m })) },
          {
            kind: "select",
            name: "unit",
            label: "Business unit",
            value: unit?.slug ?? "",
            options: [{ value: "", label: "All units" }, ...units.map((u) => ({ value: u.slug, label: u.name }))],
          },
        ]}
      >
        <a className="rounded border border-slate-300 px-3 py-1.5" href={csv} download>
          Download CSV
        </a>
        <PrintButton />
      </FilterForm>
      {report.statements.length === 0 && (
        <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">
          No calls were charged {unit ? `to ${unit.name} ` : ""}in {month}. Statements list the calls that a unit&apos;s apps made through
          the gateway; pick another month or unit.
        </p>
      )}
      {report.statements.map((s) => (
        <section key={s.businessUnit.slug ?? "none"} aria-label={`Statement for ${s.businessUnit.name}`} className="space-y-2">
          <h2 className="text-lg font-medium">{s.businessUnit.name}</h2>
          <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="statement-totals">
            <div>
              <dt className="text-slate-500">Calls</dt>
              <dd className="text-xl font-semibold" data-total="calls">
                {formatNumber(s.totals.calls)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Cost charged</dt>
              <dd className="text-xl font-semibold" data-total="cost" data-micros={s.totals.costMicros.toString()}>
                {formatMoney(s.totals.costMicros)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Value credited</dt>
              <dd className="text-xl font-semibold" data-total="value" data-micros={s.totals.valueMicros.toString()}>
                {formatMoney(s.totals.valueMicros)}
              </dd>
            </div>
          </dl>
          {monthly.has(s.businessUnit.slug) && (
            <p className="text-sm" data-testid="statement-budget">
              Monthly budget {formatMoney(monthly.get(s.businessUnit.slug)!)}:{" "}
              {Math.round((Number(s.totals.costMicros) / monthly.get(s.businessUnit.slug)!) * 1000) / 10} % used by this statement&apos;s
              cost.
            </p>
          )}
          <DataTable
            caption={`Charges for ${s.businessUnit.name}, ${month}`}
            empty="No calls."
            columns={["Model", "App", "Calls", "Cost", "Value"]}
            rows={s.lines.map((l) => [l.model, l.app, formatNumber(l.calls), formatMoney(l.costMicros), formatMoney(l.valueMicros)])}
          />
        </section>
      ))}
      <p className="text-xs text-slate-500">
        Cost is fixed when each call is recorded (rate in effect then); value is the model&apos;s value per successful call. Amounts are
        rounded for display; the CSV carries exact micro-units.
      </p>
    </div>
  );
}
