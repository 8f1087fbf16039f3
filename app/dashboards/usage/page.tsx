import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { ChartCard, Kpi } from "@/components/charts/chart-card";
import { FilterForm, InvalidFiltersNotice, RANGE_OPTIONS } from "@/components/charts/filter-form";
import { HorizontalBarChart } from "@/components/charts/bar-chart";
import { TimeLineChart } from "@/components/charts/line-chart";
import { requireUser } from "@/lib/auth/require-user";
import { formatMoney, formatNumber } from "@/lib/format";
import { hrefWith, usageParams, type SearchParams } from "@/lib/usage/dashboard-params";
import { getUsage } from "@/lib/usage/get-usage";
import { CHANNEL_LABELS } from "@/lib/usage/schemas";
import { listBusinessUnits } from "@/lib/usage/list-business-units";
import { usageViewerForUser } from "@/lib/usage/usage-viewer";

export const metadata: Metadata = { title: "Usage" };

const ms = (v: number | null) => (v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(2)} %`);
const GROUP_LABELS = { model: "Model", version: "Version", app: "App", business_unit: "Business unit", channel: "Channel" } as const;

export default async function UsagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("usage:read");
  const { query, raw, error } = usageParams(await searchParams);
  const [report, units] = await Promise.all([getUsage({ query, viewer: usageViewerForUser(user) }), listBusinessUnits()]);
  const series = report.series.map((p) => ({
    period: p.period,
    calls: p.calls,
    errors: p.errors,
    errorRate: p.errorRate,
    gw50: p.latencyMs.gateway.p50,
    gw95: p.latencyMs.gateway.p95,
    gw99: p.latencyMs.gateway.p99,
    m50: p.latencyMs.model.p50,
    m95: p.latencyMs.model.p95,
    m99: p.latencyMs.model.p99,
  }));
  const empty =
    "No calls match these filters. Widen the range or clear filters; calls appear here as soon as apps call a model through the gateway.";
  const t = report.totals;
  return (
    <div className="space-y-6">
      <PageTitle
        title="Usage"
        subtitle={`Calls through the gateway, ${report.from.slice(0, 16).replace("T", " ")} → ${report.to.slice(0, 16).replace("T", " ")} UTC.`}
      />
      <InvalidFiltersNotice error={error} />
      <FilterForm
        fields={[
          {
            kind: "select",
            name: "range",
            label: "Range",
            value: raw.range ?? "30d",
            options: raw.range ? RANGE_OPTIONS : [{ value: "", label: "Custom (from/to in URL)" }, ...RANGE_OPTIONS],
          },
          ...(raw.range
            ? []
            : [
                { kind: "hidden" as const, name: "from", value: raw.from },
                { kind: "hidden" as const, name: "to", value: raw.to },
              ]),
          {
            kind: "select",
            name: "interval",
            label: "Interval",
            value: query.interval,
            options: [
              { value: "hour", label: "Hour" },
              { value: "day", label: "Day" },
              { value: "week", label: "Week" },
            ],
          },
          {
            kind: "select",
            name: "groupBy",
            label: "Group by",
            value: query.groupBy,
            options: Object.entries(GROUP_LABELS).map(([value, label]) => ({ value, label })),
          },
          { kind: "text", name: "model", label: "Model", value: query.model ?? "", placeholder: "team/model" },
          {
            kind: "select",
            name: "businessUnit",
            label: "Consuming unit",
            value: query.businessUnit ?? "",
            options: [{ value: "", label: "All" }, ...units.map((u) => ({ value: u.slug, label: u.name }))],
          },
          {
            kind: "select",
            name: "channel",
            label: "Channel",
            value: query.channel ?? "",
            options: [{ value: "", label: "All" }, ...Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))],
          },
          ...(query.app ? [{ kind: "hidden" as const, name: "app", value: query.app }] : []),
          ...(query.version ? [{ kind: "hidden" as const, name: "version", value: query.version }] : []),
        ]}
      >
        {(query.model || query.app || query.version || query.businessUnit || query.channel) && (
          <Link
            className="text-blue-700 underline"
            href={hrefWith("/dashboards/usage", raw, {
              model: undefined,
              app: undefined,
              version: undefined,
              businessUnit: undefined,
              channel: undefined,
            })}
          >
            Clear filters
          </Link>
        )}
      </FilterForm>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Kpi label="Calls" value={formatNumber(t.calls)} />
        <Kpi label="Errors" value={formatNumber(t.errors)} />
        <Kpi label="Error rate" value={pct(t.errorRate)} />
        <Kpi
          label="p95 latency"
          value={ms(t.latencyMs.total.p95)}
          hint={`gateway ${ms(t.latencyMs.gateway.p95)} · model ${ms(t.latencyMs.model.p95)}`}
        />
        <Kpi label="Cost" value={formatMoney(t.costMicros)} hint={`value ${formatMoney(t.valueMicros)}`} />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard
          title="Calls and errors"
          isEmpty={t.calls === 0}
          empty={empty}
          table={{
            columns: ["Period", "Calls", "Errors", "Error rate"],
            rows: series.map((p) => [p.period, formatNumber(p.calls), formatNumber(p.errors), pct(p.errorRate)]),
          }}
        >
          <TimeLineChart
            label="Calls and errors over time"
            data={series}
            xKey="period"
            format="number"
            series={[
              { key: "calls", label: "Calls" },
              { key: "errors", label: "Errors" },
            ]}
          />
        </ChartCard>
        <ChartCard
          title="Latency: gateway vs model (p50 / p95 / p99)"
          isEmpty={t.calls === 0}
          empty={empty}
          table={{
            columns: ["Period", "Gateway p50", "p95", "p99", "Model p50", "p95", "p99"],
            rows: series.map((p) => [p.period, ms(p.gw50), ms(p.gw95), ms(p.gw99), ms(p.m50), ms(p.m95), ms(p.m99)]),
          }}
        >
          <TimeLineChart
            label="Latency percentiles over time, gateway and model"
            data={series}
            xKey="period"
            format="ms"
            series={[
              { key: "gw50", label: "gateway p50", dashed: true },
              { key: "gw95", label: "gateway p95", dashed: true },
              { key: "gw99", label: "gateway p99", dashed: true },
              { key: "m50", label: "model p50" },
              { key: "m95", label: "model p95" },
              { key: "m99", label: "model p99" },
            ]}
          />
        </ChartCard>
      </div>
      <ChartCard
        title={`Calls by ${GROUP_LABELS[query.groupBy].toLowerCase()}${report.groupCount > report.groups.length ? " (this page)" : ""}`}
        isEmpty={report.groups.length === 0}
        empty={empty}
        table={{ columns: ["Group", "Calls"], rows: report.groups.slice(0, 15).map((g) => [g.label, formatNumber(g.calls)]) }}
      >
        <HorizontalBarChart
          label={`Calls by ${GROUP_LABELS[query.groupBy]}`}
          format="number"
          data={report.groups.slice(0, 15).map((g) => ({ label: g.label, value: g.calls }))}
        />
      </ChartCard>
      <DataTable
        caption="Usage per group"
        empty={empty}
        columns={[GROUP_LABELS[query.groupBy], "Calls", "Errors", "Error rate", "p50", "p95", "p99", "Cost", "Value", "Drill down"]}
        rows={report.groups.map((g) => [
          g.label,
          formatNumber(g.calls),
          formatNumber(g.errors),
          pct(g.errorRate),
          ms(g.latencyMs.total.p50),
          ms(g.latencyMs.total.p95),
          ms(g.latencyMs.total.p99),
          formatMoney(g.costMicros),
          formatMoney(g.valueMicros),
          <DrillDown key={g.key} groupBy={query.groupBy} group={g} raw={raw} />,
        ])}
      />
      <Pages page={report.page} pageSize={report.pageSize} count={report.groupCount} raw={raw} />
    </div>
  );
}

// The per-group table is paged (percentiles are merged for one page of groups at a time).
function Pages({ page, pageSize, count, raw }: { page: number; pageSize: number; count: number; raw: Record<string, string> }) {
  const last = Math.max(1, Math.ceil(count / pageSize));
  if (last === 1) return null;
  const link = (to: number, label: string) => (
    <Link className="text-blue-700 underline" href={hrefWith("/dashboards/usage", raw, { page: to === 1 ? undefined : String(to) })}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Groups pages" className="flex items-center gap-4 text-sm">
      {page > 1 && link(page - 1, "← Previous")}
      <span>
        Groups {formatNumber(Math.min(count, (page - 1) * pageSize + 1))}–{formatNumber(Math.min(count, page * pageSize))} of{" "}
        {formatNumber(count)}
      </span>
      {page < last && link(page + 1, "Next →")}
    </nav>
  );
}

function DrillDown({
  groupBy,
  group,
  raw,
}: {
  groupBy: keyof typeof GROUP_LABELS;
  group: { key: string; label: string };
  raw: Record<string, string>;
}) {
  const link = (label: string, changes: Record<string, string | undefined>) => (
    <Link className="mr-2 text-blue-700 underline" href={hrefWith("/dashboards/usage", raw, changes)}>
      {label}
    </Link>
  );
  if (groupBy === "model")
    return (
      <>
        {link("versions", { model: group.label, groupBy: "version", page: undefined })}
        {link("consumers", { model: group.label, groupBy: "app", page: undefined })}
      </>
    );
  if (groupBy === "version") return link("consumers", { version: group.key, groupBy: "app", page: undefined });
  if (groupBy === "app" && group.key !== "none") return link("models", { app: group.key, groupBy: "model", page: undefined });
  return null;
}
