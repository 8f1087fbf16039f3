import { ChartCard } from "@/components/charts/chart-card";
import { DataTable } from "@/components/ui/data-table";
import { DriftChart, type DriftChartRow } from "@/components/model-health/drift-chart";
import { short } from "@/lib/model-health/drift-figures";
import type { VersionHealth } from "@/lib/model-health/get-version-health";

// The Health page's sections, each given its part of getVersionHealth's answer.

/** PSI above this (and Jensen-Shannon above DRIFT_JS) is shown as drift. */
export const DRIFT_PSI = 0.2;
export const DRIFT_JS = 0.1;

type Drift = VersionHealth["drift"][number];

export const isDrifting = (d: Pick<Drift, "metric" | "value">) => d.value !== null && d.value > (d.metric === "psi" ? DRIFT_PSI : DRIFT_JS);

const metricName = (m: Drift["metric"]) => (m === "psi" ? "PSI" : "Jensen-Shannon");

export function DriftTable({ drift }: { drift: Drift[] }) {
  return (
    <DataTable
      caption="Drift per feature over the window"
      columns={["Feature", "Side", "Measure", "Value", "Rows", "State"]}
      empty="No reference yet: upload a dataset below, or the first captured calls become the reference."
      rows={drift.map((d) => [
        <span key="f" className="font-mono">
          {d.feature}
        </span>,
        d.role,
        metricName(d.metric),
        d.value === null ? "—" : d.value.toFixed(3),
        d.n,
        d.value === null ? (
          <span key="s" className="text-slate-500">
            {d.n === 0 ? "no calls" : "too few rows"}
          </span>
        ) : isDrifting(d) ? (
          <span key="s" className="rounded bg-red-100 px-1.5 py-0.5 text-red-800">
            drifting
          </span>
        ) : (
          <span key="s" className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-700">
            stable
          </span>
        ),
      ])}
    />
  );
}

export function DriftOverTime({ drift, daily }: { drift: Drift[]; daily: boolean }) {
  const inputs = drift.filter((d) => d.role === "input");
  const times = [...new Set(inputs.flatMap((d) => (daily ? d.daily : d.hourly).map((p) => p.at)))].sort();
  const data: DriftChartRow[] = times.map((at) => {
    const row: DriftChartRow = { at };
    for (const d of inputs) row[d.feature] = (daily ? d.daily : d.hourly).find((p) => p.at === at)?.value ?? null;
    return row;
  });
  const title = `Input drift per ${daily ? "day" : "hour"} (PSI; above ${DRIFT_PSI} is drift)`;
  return (
    <ChartCard
      title={title}
      isEmpty={data.length === 0}
      empty="No captured calls in this window yet. Calls are sampled at the capture rate and counted within a minute."
      table={{
        columns: ["Time", ...inputs.map((d) => d.feature)],
        rows: data.map((r) => [
          String(r.at).slice(0, 16).replace("T", " "),
          ...inputs.map((d) => (r[d.feature] === null ? "—" : Number(r[d.feature]).toFixed(3))),
        ]),
      }}
    >
      <DriftChart data={data} features={inputs.map((d) => d.feature)} label={title} />
    </ChartCard>
  );
}

export function ViolationsList({ violations }: { violations: VersionHealth["violations"] }) {
  return (
    <DataTable
      caption="Data-quality violations over the window"
      columns={["Feature", "Check", "Count", "Share", "Detail"]}
      empty="No data-quality violations in this window."
      rows={violations.map((v) => [
        <span key="f" className="font-mono">
          {v.feature}
        </span>,
        v.check.replace(/_/g, " "),
        v.count,
        `${(v.observed * 100).toFixed(1)} %`,
        v.message,
      ])}
    />
  );
}

export function ReferenceSummary({ reference }: { reference: VersionHealth["reference"] }) {
  if (!reference)
    return (
      <p className="text-sm text-slate-600">
        No reference yet. Upload a dataset, or the version&apos;s first captured calls become its reference.
      </p>
    );
  return (
    <div className="space-y-2 text-sm">
      <p>
        From{" "}
        {reference.source === "upload" ? (
          <>
            the dataset <span className="font-mono">{reference.fileName ?? "(unnamed)"}</span>
          </>
        ) : (
          "the first captured calls"
        )}
        , {reference.rowCount} rows, {new Date(reference.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC.
      </p>
      <ul className="flex flex-wrap gap-1.5 text-xs">
        {reference.features.map((f) => (
          <li key={f.key} className="rounded bg-slate-100 px-1.5 py-0.5">
            {f.role === "output" ? "→ " : ""}
            {f.name}{" "}
            <span className="text-slate-500">
              ({f.type}
              {f.type === "numeric" && f.min !== undefined ? ` ${short(f.min)}…${short(f.max)}` : ""})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
