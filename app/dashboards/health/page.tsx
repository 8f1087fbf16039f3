import type { Metadata } from "next";
import Link from "next/link";
import { Kpi } from "@/components/charts/chart-card";
import { HealthBadge } from "@/components/model-health/health-badge";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { formatMoney, formatNumber, formatRoi } from "@/lib/format";
import { getPortfolioHealth } from "@/lib/model-health/alerts/get-portfolio-health";
import { roiParams } from "@/lib/usage/dashboard-params";
import { getRoi } from "@/lib/usage/get-roi";
import { usageViewerForUser } from "@/lib/usage/usage-viewer";
import { ruleLabel } from "@/lib/model-health/alerts/rule-label";

export const metadata: Metadata = { title: "Model health" };
export const dynamic = "force-dynamic";

const feedbackText = (collects: boolean, n: number) => (!collects ? "not collected" : n === 0 ? "none" : formatNumber(n));

// /dashboards/health — the portfolio: which models are failing, drifting or running without feedback, next to their ROI.
export default async function HealthDashboardPage() {
  const user = await requireUser("usage:read");
  const { query } = roiParams({ range: "30d" });
  const [rows, roi] = await Promise.all([
    getPortfolioHealth({ principal: principalOfUser(user) }),
    getRoi({ query: { ...query, groupBy: "model" }, viewer: usageViewerForUser(user) }),
  ]);
  const roiOf = new Map(roi.groups.map((g) => [g.key, g]));
  const count = (s: string) => rows.filter((r) => r.healthStatus === s).length;
  const withoutFeedback = rows.filter((r) => r.healthStatus !== "unknown" && r.feedback7d === 0).length;
  return (
    <div className="space-y-6">
      <PageTitle
        title="Model health"
        subtitle="Every published model you can see: open alerts (quality, errors, latency, cost, drift), whether it has a reference to measure drift against and gets ground truth, and what it earned in the last 30 days."
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Kpi label="Failing" value={formatNumber(count("failing"))} />
        <Kpi label="Warning" value={formatNumber(count("warning"))} />
        <Kpi label="Healthy" value={formatNumber(count("healthy"))} />
        <Kpi label="No calls in 7 days" value={formatNumber(count("unknown"))} />
        <Kpi label="Called, no feedback" value={formatNumber(withoutFeedback)} hint="in the last 7 days" />
      </div>
      <section aria-labelledby="portfolio" className="space-y-2">
        <h2 id="portfolio" className="font-medium">
          Models, failing first
        </h2>
        <DataTable
          caption="Model health and ROI"
          empty="No published model to show yet. Once a version is approved and called, its health appears here."
          columns={["Model", "Health", "Open alerts", "Drift", "Feedback (7 d)", "Net value (30 d)", "ROI (30 d)"]}
          rows={rows.map((r) => {
            const money = roiOf.get(r.id);
            return [
              <Link key={r.id} className="text-blue-700 underline" href={`/models/${r.path}`}>
                {r.displayName}
              </Link>,
              <HealthBadge key="h" status={r.healthStatus} />,
              r.openAlerts.length === 0 ? "—" : r.openAlerts.map((a) => `${ruleLabel(a.rule)} (v${a.version})`).join(", "),
              r.drifting ? "drifting" : r.hasReference ? "—" : "no reference",
              feedbackText(r.collectsGroundTruth, r.feedback7d),
              money ? formatMoney(money.netMicros) : "—",
              money ? formatRoi(money.roi) : "—",
            ];
          })}
        />
        <p className="text-sm text-slate-600">
          Owners turn on ground truth and set thresholds per version (<code>PUT …/versions/&#123;v&#125;/health-settings</code>); apps send
          the true answers to <code>POST /api/v1/feedback</code>. See the{" "}
          <Link className="text-blue-700 underline" href="/docs/api">
            API reference
          </Link>{" "}
          and the{" "}
          <Link className="text-blue-700 underline" href="/dashboards/roi">
            ROI view
          </Link>
          .
        </p>
      </section>
    </div>
  );
}
