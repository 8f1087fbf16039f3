import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { HorizontalBarChart } from "@/components/charts/bar-chart";
import { ChartCard, Kpi } from "@/components/charts/chart-card";
import { requireUser } from "@/lib/auth/require-user";
import { getAdoption } from "@/lib/usage/get-adoption";

export const metadata: Metadata = { title: "Adoption" };

const days = (d: number | null) => (d === null ? "—" : d < 1 ? `${(d * 24).toFixed(1)} h` : `${d.toFixed(1)} d`);

export default async function AdoptionPage() {
  await requireUser("roi:read");
  const a = await getAdoption();
  const lead = a.leadTimeDays;
  return (
    <div className="space-y-6">
      <PageTitle
        title="Adoption"
        subtitle="How fast published models get real callers: from first submission to the first production (API) call."
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Kpi label="Median lead time to production" value={days(lead.median)} hint={`${lead.count} models reached production`} />
        <Kpi label="Middle half (p25–p75)" value={`${days(lead.p25)} – ${days(lead.p75)}`} />
        <Kpi label="p90" value={days(lead.p90)} />
        <Kpi label="Fastest / slowest" value={`${days(lead.min)} / ${days(lead.max)}`} />
      </div>
      <ChartCard
        title="Adoption funnel"
        isEmpty={a.funnel[0].models === 0}
        empty="No model has been submitted for review yet. Publish a model and submit a version to start the funnel."
        table={{ columns: ["Stage", "Models"], rows: a.funnel.map((f) => [f.stage, String(f.models)]) }}
      >
        <HorizontalBarChart label="Adoption funnel" format="number" data={a.funnel.map((f) => ({ label: f.stage, value: f.models }))} />
      </ChartCard>
      <ChartCard
        title="Lead time per model (days from first submission to first production call)"
        isEmpty={a.leadTimes.length === 0}
        empty="No model has had a production call yet. Once an app calls an approved model through the API, its lead time appears here."
        table={{ columns: ["Model", "Lead time"], rows: a.leadTimes.map((l) => [l.slug, days(l.days)]) }}
      >
        <HorizontalBarChart
          label="Lead time per model in days"
          format="number"
          data={a.leadTimes.slice(0, 25).map((l) => ({ label: l.slug, value: Number(l.days.toFixed(2)) }))}
        />
      </ChartCard>
      <DataTable
        caption="Funnel definitions"
        empty=""
        columns={["Stage", "Counted when"]}
        rows={[
          ["Published", "a version was submitted for review"],
          ["Approved", "a version was approved"],
          ["First production call", "an app called it through the API (console tries do not count)"],
          ["In regular use", "API calls in at least 3 of the last 4 weeks"],
        ]}
      />
    </div>
  );
}
