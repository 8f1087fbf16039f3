import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BudgetMeter } from "@/components/budgets/budget-meter";
import { ChartCard, Kpi } from "@/components/charts/chart-card";
import { FilterForm, RANGE_OPTIONS } from "@/components/charts/filter-form";
import { TimeLineChart } from "@/components/charts/line-chart";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { getAppUsage, type AppUsageReport } from "@/lib/apps/get-app-usage";
import { appUsageQuerySchema } from "@/lib/apps/schemas";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { PERIOD_ADJECTIVE } from "@/lib/budgets/schemas";
import { formatMoney, formatNumber } from "@/lib/format";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "App usage" };
export const dynamic = "force-dynamic";

const HOURS: Record<string, number> = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24, "90d": 90 * 24 };
const ms = (v: number | null) => (v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(2)} %`);
type Figures = AppUsageReport["totals"];
const cells = (f: Figures) => [
  formatNumber(f.calls),
  formatNumber(f.errors),
  pct(f.errorRate),
  ms(f.latencyMs.p50),
  ms(f.latencyMs.p95),
  formatMoney(f.costMicros),
];
const FIGURE_COLUMNS = ["Calls", "Errors", "Error rate", "p50", "p95", "Cost"];

type Props = { params: Promise<{ app: string }>; searchParams: Promise<{ range?: string }> };

// My apps → Usage: an app owner's calls, errors, latency and cost per key and per model over a range.
export default async function AppUsagePage({ params, searchParams }: Props) {
  const user = await requireUser("apps:manage");
  const { app: appId } = await params;
  const { range: asked } = await searchParams;
  const range = asked && HOURS[asked] ? asked : "30d";
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  const query = appUsageQuerySchema.parse({
    from: new Date(now - HOURS[range] * 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
  });
  if (!/^[0-9a-f-]{36}$/i.test(appId)) notFound();
  const report = await getAppUsage({ user, appId, query }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  // The budgets that bind this app: its own, its team's and its business unit's, with this period's spend.
  const budgets = await listBudgets({ authority: await budgetAuthorityOf(principalOfUser(user)), app: appId });
  const t = report.totals;
  const empty = "This app made no calls in this range. Calls appear here as soon as one of its keys calls a model through the gateway.";
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/apps" className="hover:underline">
          My apps
        </Link>{" "}
        / {report.app.name}
      </nav>
      <PageTitle
        title={`Usage of ${report.app.name}`}
        subtitle={`${report.app.team}: calls made with this app's keys, ${report.from.slice(0, 16).replace("T", " ")} → ${report.to.slice(0, 16).replace("T", " ")} UTC.`}
      />
      <FilterForm
        fields={[{ kind: "select", name: "range", label: "Range", value: range, options: RANGE_OPTIONS.filter((o) => o.value in HOURS) }]}
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Kpi label="Calls" value={formatNumber(t.calls)} />
        <Kpi label="Errors" value={formatNumber(t.errors)} hint={`error rate ${pct(t.errorRate)}`} />
        <Kpi label="p50 latency" value={ms(t.latencyMs.p50)} />
        <Kpi label="p95 latency" value={ms(t.latencyMs.p95)} />
        <Kpi label="Cost" value={formatMoney(t.costMicros)} />
      </div>
      <section aria-labelledby="budgets" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="budgets" className="text-lg font-semibold">
            Budgets
          </h2>
          <Link href="/budgets" className="text-sm text-sky-700 underline">
            Manage budgets
          </Link>
        </div>
        {budgets.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-500">
            No budget limits this app&apos;s spending. Its team&apos;s maintainers and admins can set one on the app, its team or its
            business unit.
          </p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {budgets.map((b) => (
              <li
                key={b.id}
                aria-label={`${PERIOD_ADJECTIVE[b.period]} budget of ${b.scope.name}`}
                className="rounded-lg border border-slate-200 bg-white p-3"
              >
                <p className="mb-1 text-sm font-medium">
                  {b.scope.kind === "app" ? "This app" : b.scope.kind === "team" ? `Team ${b.scope.name}` : `Business unit ${b.scope.name}`}
                </p>
                <BudgetMeter budget={b} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <ChartCard
        title="Calls and errors per day"
        isEmpty={t.calls === 0}
        empty={empty}
        table={{ columns: ["Day", ...FIGURE_COLUMNS], rows: report.days.map((d) => [d.day, ...cells(d)]) }}
      >
        <TimeLineChart
          label="Calls and errors per day"
          data={report.days.map((d) => ({ day: d.day, calls: d.calls, errors: d.errors }))}
          xKey="day"
          format="number"
          series={[
            { key: "calls", label: "Calls" },
            { key: "errors", label: "Errors" },
          ]}
        />
      </ChartCard>
      <section aria-labelledby="by-key" className="space-y-2">
        <h2 id="by-key" className="text-lg font-semibold">
          Per key
        </h2>
        <DataTable
          caption="Usage per key"
          empty="This app has no keys yet."
          columns={["Key", "Name", ...FIGURE_COLUMNS, "Last used"]}
          rows={report.keys.map((k) => [
            <span key="p" className="font-mono text-xs">
              {k.prefix}…{k.revoked ? " (revoked)" : ""}
            </span>,
            k.name,
            ...cells(k),
            k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never",
          ])}
        />
      </section>
      <section aria-labelledby="by-model" className="space-y-2">
        <h2 id="by-model" className="text-lg font-semibold">
          Per model
        </h2>
        <DataTable
          caption="Usage per model"
          empty={empty}
          columns={["Model", ...FIGURE_COLUMNS]}
          rows={report.models.map((m) => [
            <Link key="m" href={`/models/${m.slug}`} className="text-blue-700 underline">
              {m.displayName}
            </Link>,
            ...cells(m),
          ])}
        />
      </section>
    </div>
  );
}
