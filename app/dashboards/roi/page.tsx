import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { HorizontalBarChart } from "@/components/charts/bar-chart";
import { ChartCard, Kpi } from "@/components/charts/chart-card";
import { FilterForm, InvalidFiltersNotice, RANGE_OPTIONS } from "@/components/charts/filter-form";
import { TimeLineChart } from "@/components/charts/line-chart";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { PERIOD_ADJECTIVE } from "@/lib/budgets/schemas";
import { formatDate, formatMoney, formatNumber, formatRoi } from "@/lib/format";
import { HealthBadge } from "@/components/model-health/health-badge";
import { getPortfolioHealth } from "@/lib/model-health/alerts/get-portfolio-health";
import { roiParams, type SearchParams } from "@/lib/usage/dashboard-params";
import { getRoi } from "@/lib/usage/get-roi";
import { listIdleModels } from "@/lib/usage/list-idle-models";
import { topMovers } from "@/lib/usage/top-movers";
import { usageViewerForUser } from "@/lib/usage/usage-viewer";
import { ruleLabel } from "@/lib/model-health/alerts/rule-label";

export const metadata: Metadata = { title: "ROI" };

const units = (micros: bigint) => Number(micros) / 1_000_000;

export default async function RoiPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("roi:read");
  const { query, raw, error } = roiParams(await searchParams);
  const viewer = usageViewerForUser(user);
  const length = query.to.getTime() - query.from.getTime();
  const previous = { ...query, from: new Date(query.from.getTime() - length), to: query.from };
  const [byUnit, byModel, byModelBefore, byOwner, idle, budgets, health] = await Promise.all([
    getRoi({ query: { ...query, groupBy: "business_unit" }, viewer }),
    getRoi({ query: { ...query, groupBy: "model" }, viewer }),
    getRoi({ query: { ...previous, groupBy: "model" }, viewer }),
    getRoi({ query: { ...query, groupBy: "owner_business_unit" }, viewer }),
    listIdleModels({ from: query.from, to: query.to }),
    // This period's budgets (executives and admins see them all), the most spent first.
    budgetAuthorityOf(principalOfUser(user)).then((authority) => listBudgets({ authority })),
    getPortfolioHealth({ principal: principalOfUser(user) }),
  ]);
  const byUse = [...budgets].sort((a, b) => b.current.percent - a.current.percent);
  const t = byUnit.totals;
  const month = query.to.toISOString().slice(0, 7);
  const trend = byUnit.trend.map((p) => ({ period: p.period, value: units(p.valueMicros), cost: units(p.costMicros), roi: p.roi }));
  const negative = byModel.groups.filter((g) => g.roi !== null && g.roi < 0);
  // Models that lose money in this range or are failing now, in one list (failing first, then the biggest loss).
  const moneyOf = new Map(byModel.groups.map((g) => [g.key, g]));
  const troubled = health
    .filter((h) => h.healthStatus === "failing" || (moneyOf.get(h.id)?.netMicros ?? 0n) < 0n)
    .sort(
      (a, b) =>
        Number(b.healthStatus === "failing") - Number(a.healthStatus === "failing") ||
        Number((moneyOf.get(a.id)?.netMicros ?? 0n) - (moneyOf.get(b.id)?.netMicros ?? 0n)),
    );
  const movers = topMovers(byModel, byModelBefore);
  const withExpected = byModel.groups.filter((g) => g.expectedValueMicros !== null);
  const empty =
    "No cost or value recorded in this range. Set a value per call on your models and let apps call them through the gateway; figures appear within the hour.";
  return (
    <div className="space-y-6">
      <PageTitle
        title="Return on investment"
        subtitle={`Value and cost of every call, charged to the consuming business unit. ${query.from.toISOString().slice(0, 10)} → ${query.to.toISOString().slice(0, 10)}.`}
      />
      <InvalidFiltersNotice error={error} />
      <FilterForm
        fields={[
          { kind: "select", name: "range", label: "Range", value: raw.range ?? "30d", options: RANGE_OPTIONS },
          {
            kind: "select",
            name: "interval",
            label: "Trend by",
            value: query.interval,
            options: [
              { value: "day", label: "Day" },
              { value: "week", label: "Week" },
            ],
          },
        ]}
      >
        <Link className="text-blue-700 underline" href="/dashboards/adoption">
          Adoption
        </Link>
        <Link className="text-blue-700 underline" href={`/dashboards/chargeback?month=${month}`}>
          Chargeback statements
        </Link>
      </FilterForm>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Kpi label="Total value" value={formatMoney(t.valueMicros)} />
        <Kpi label="Total cost" value={formatMoney(t.costMicros)} />
        <Kpi label="Net value" value={formatMoney(t.netMicros)} />
        <Kpi label="ROI" value={formatRoi(t.roi)} hint={`${formatNumber(t.calls)} calls`} />
      </div>
      <ChartCard
        title="Value and cost over time"
        isEmpty={t.calls === 0}
        empty={empty}
        table={{
          columns: ["Period", "Value", "Cost", "ROI"],
          rows: byUnit.trend.map((p) => [p.period.slice(0, 10), formatMoney(p.valueMicros), formatMoney(p.costMicros), formatRoi(p.roi)]),
        }}
      >
        <TimeLineChart
          label="Value and cost over time"
          data={trend}
          xKey="period"
          format="money"
          series={[
            { key: "value", label: "Value" },
            { key: "cost", label: "Cost" },
          ]}
        />
      </ChartCard>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard
          title="Net value by consuming business unit"
          isEmpty={byUnit.groups.length === 0}
          empty={empty}
          table={{
            columns: ["Business unit", "Calls", "Value", "Cost", "ROI", "Statement"],
            rows: byUnit.groups.map((g) => [
              g.label,
              formatNumber(g.calls),
              formatMoney(g.valueMicros),
              formatMoney(g.costMicros),
              formatRoi(g.roi),
              g.key === "none" ? (
                "—"
              ) : (
                <Link key={g.key} className="text-blue-700 underline" href={`/dashboards/chargeback?month=${month}&unit=${g.key}`}>
                  {month}
                </Link>
              ),
            ]),
          }}
        >
          <HorizontalBarChart
            label="Net value by business unit"
            format="money"
            data={byUnit.groups.map((g) => ({ label: g.label, value: units(g.netMicros) }))}
          />
        </ChartCard>
        <ChartCard
          title="Net value by model (top 15)"
          isEmpty={byModel.groups.length === 0}
          empty={empty}
          table={{
            columns: ["Model", "Calls", "Value", "Cost", "ROI"],
            rows: byModel.groups
              .slice(0, 15)
              .map((g) => [g.label, formatNumber(g.calls), formatMoney(g.valueMicros), formatMoney(g.costMicros), formatRoi(g.roi)]),
          }}
        >
          <HorizontalBarChart
            label="Net value by model"
            format="money"
            data={byModel.groups.slice(0, 15).map((g) => ({ label: g.label, value: units(g.netMicros) }))}
          />
        </ChartCard>
      </div>
      <section aria-labelledby="units-list" className="space-y-2">
        <h2 id="units-list" className="font-medium">
          Business units: charged (consuming) and earned (owning)
        </h2>
        <DataTable
          caption="Business units"
          empty={empty}
          columns={["Business unit", "Consumed value", "Consumed cost", "ROI as consumer", "Its models earned", "Statement"]}
          rows={byUnit.groups.map((g) => {
            const owner = byOwner.groups.find((o) => o.label === g.label);
            return [
              g.label,
              formatMoney(g.valueMicros),
              formatMoney(g.costMicros),
              formatRoi(g.roi),
              owner ? formatMoney(owner.valueMicros) : "—",
              g.key === "none" ? (
                "—"
              ) : (
                <Link key={g.key} className="text-blue-700 underline" href={`/dashboards/chargeback?month=${month}&unit=${g.key}`}>
                  Statement {month}
                </Link>
              ),
            ];
          })}
        />
      </section>
      <section aria-labelledby="budgets" className="space-y-2">
        <h2 id="budgets" className="font-medium">
          Budgets this period
        </h2>
        <DataTable
          caption="Budgets this period"
          empty="No budgets are set. Admins and the owners of apps, teams and business units set them on the Budgets page."
          columns={["Budget on", "Period", "Spent", "Budget", "Used", "Forecast to period end", "Hard cap"]}
          rows={byUse.map((b) => [
            `${b.scope.kind === "business_unit" ? "Unit" : b.scope.kind === "team" ? "Team" : "App"} ${b.scope.name}`,
            PERIOD_ADJECTIVE[b.period],
            formatMoney(b.current.spendMicros),
            formatMoney(b.amountMicros),
            <span key={b.id} className={b.current.percent >= b.thresholdPercent ? "font-medium text-rose-800" : ""}>
              {b.current.percent} %
            </span>,
            `${formatMoney(b.current.forecastMicros)}${b.current.forecastMicros > b.amountMicros ? " (over)" : ""}`,
            b.hardCap ? "yes" : "no",
          ])}
        />
        <p className="text-sm">
          <Link className="text-blue-700 underline" href="/budgets">
            Set and change budgets
          </Link>
        </p>
      </section>
      <section aria-labelledby="troubled" className="space-y-2">
        <h2 id="troubled" className="font-medium">
          Models losing money or failing
        </h2>
        <DataTable
          caption="Models losing money or failing"
          empty="No model lost money in this range, and none is failing."
          columns={["Model", "Health", "Open alerts", "Net value", "ROI"]}
          rows={troubled.map((h) => {
            const g = moneyOf.get(h.id);
            return [
              <Link key={h.id} className="text-blue-700 underline" href={`/models/${h.path}`}>
                {h.path}
              </Link>,
              <HealthBadge key="h" status={h.healthStatus} />,
              h.openAlerts.length === 0 ? "—" : h.openAlerts.map((a) => ruleLabel(a.rule)).join(", "),
              g ? formatMoney(g.netMicros) : "—",
              g ? formatRoi(g.roi) : "—",
            ];
          })}
        />
        <p className="text-sm">
          <Link className="text-blue-700 underline" href="/dashboards/health">
            Every model&apos;s health
          </Link>
        </p>
      </section>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <section aria-labelledby="negative" className="space-y-2">
          <h2 id="negative" className="font-medium">
            Models with negative ROI
          </h2>
          <DataTable
            caption="Models with negative ROI"
            empty="No model cost more than it earned in this range."
            columns={["Model", "Value", "Cost", "ROI"]}
            rows={negative.map((g) => [g.label, formatMoney(g.valueMicros), formatMoney(g.costMicros), formatRoi(g.roi)])}
          />
        </section>
        <section aria-labelledby="waste" className="space-y-2">
          <h2 id="waste" className="font-medium">
            Published models with no calls (waste)
          </h2>
          <DataTable
            caption="Published models with no calls"
            empty="Every published model was called in this range."
            columns={["Model", "Team", "Approved"]}
            rows={idle.map((m) => [
              <Link key={m.id} className="text-blue-700 underline" href={`/models/${m.slug}`}>
                {m.slug}
              </Link>,
              m.team,
              formatDate(m.approvedAt),
            ])}
          />
        </section>
        <section aria-labelledby="movers" className="space-y-2">
          <h2 id="movers" className="font-medium">
            Top movers (net value vs the previous {Math.round(length / 86_400_000)} days)
          </h2>
          <DataTable
            caption="Top movers"
            empty="No change against the previous period."
            columns={["Model", "Now", "Before", "Change"]}
            rows={movers.map((m) => [
              m.label,
              formatMoney(m.netMicros),
              formatMoney(m.previousNetMicros),
              `${m.changeMicros > 0n ? "+" : ""}${formatMoney(m.changeMicros)}`,
            ])}
          />
        </section>
        <section aria-labelledby="expected" className="space-y-2">
          <h2 id="expected" className="font-medium">
            Expected vs realised value
          </h2>
          <DataTable
            caption="Expected vs realised value"
            empty="No model in this range declares an expected monthly value; business owners can set one on the model."
            columns={["Model", "Expected (prorated)", "Realised", "Realised / expected"]}
            rows={withExpected.map((g) => [
              g.label,
              formatMoney(g.expectedValueMicros!),
              formatMoney(g.valueMicros),
              g.expectedValueMicros! > 0n ? `${((Number(g.valueMicros) / Number(g.expectedValueMicros)) * 100).toFixed(0)} %` : "—",
            ])}
          />
        </section>
      </div>
    </div>
  );
}
