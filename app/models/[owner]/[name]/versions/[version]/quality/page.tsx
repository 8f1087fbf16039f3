import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Kpi } from "@/components/charts/chart-card";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { healthSettingsOf } from "@/lib/model-health/alerts/health-settings";
import { formatFigure, ruleLabel } from "@/lib/model-health/alerts/rule-label";
import { canManageHealth, findHealthVersion } from "@/lib/model-health/feedback/find-health-version";
import { getVersionQuality } from "@/lib/model-health/feedback/get-version-quality";
import { AppError } from "@/lib/server/errors";
import { saveHealthSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Quality and alert thresholds" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ owner: string; name: string; version: string }> };
const input = "rounded border border-slate-300 px-2 py-1";
const share = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

// /models/{owner}/{name}/versions/{version}/quality — live quality from feedback, and the owners' thresholds.
/** Settings are shares, factors and PSI values: four decimals are finer than a threshold needs. */
const SETTING_STEP = 0.0001;

export default async function VersionHealthPage({ params }: Params) {
  const ref = await params;
  const user = await requireUser();
  const principal = principalOfUser(user);
  let version;
  try {
    version = await findHealthVersion(principal, ref);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const settings = healthSettingsOf(version);
  const to = new Date();
  const quality = await getVersionQuality(version.id, new Date(to.getTime() - 7 * 86_400_000), to, "day");
  const manage = canManageHealth(principal, version.model.teamId);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={`/models/${ref.owner}/${ref.name}`} className="hover:underline">
          {ref.owner}/{ref.name}
        </Link>{" "}
        / v{ref.version} / quality ·{" "}
        <Link
          href={`/models/${ref.owner}/${ref.name}/health?version=${encodeURIComponent(ref.version)}`}
          className="text-blue-700 hover:underline"
        >
          Drift and data quality
        </Link>
      </nav>
      <PageTitle
        title={`Quality and alert thresholds — v${ref.version}`}
        subtitle="Live quality from the ground truth apps send (POST /api/v1/feedback, by request id), over the last 7 days."
      />
      {quality.kind === null ? (
        <p className="rounded border border-dashed border-slate-300 p-4 text-slate-600">
          This version does not collect ground truth yet. {manage ? "Choose its kind below" : "Its owners can turn it on"}: each single-row
          answer is then kept so feedback can score it.
        </p>
      ) : (
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Kpi label="Scored calls" value={String(quality.scoredCalls)} />
          <Kpi label="With feedback" value={String(quality.feedback)} />
          {quality.kind === "classification" ? (
            <>
              <Kpi label="Accuracy" value={share(quality.accuracy)} />
              <Kpi label="Reference accuracy" value={share(quality.referenceAccuracy)} />
            </>
          ) : (
            <>
              <Kpi label="MAE" value={quality.mae === null ? "—" : quality.mae.toFixed(3)} />
              <Kpi label="RMSE" value={quality.rmse === null ? "—" : quality.rmse.toFixed(3)} />
            </>
          )}
        </div>
      )}
      {quality.classes.length > 0 && (
        <DataTable
          caption="Precision and recall per class"
          empty=""
          columns={["Class", "Feedback", "Precision", "Recall"]}
          rows={quality.classes.map((c) => [c.label, String(c.support), share(c.precision), share(c.recall)])}
        />
      )}
      <section aria-labelledby="thresholds" className="space-y-2">
        <h2 id="thresholds" className="font-medium">
          Alert thresholds
        </h2>
        {manage ? (
          <ActionForm action={saveHealthSettingsAction} className="space-y-3">
            <input type="hidden" name="owner" value={ref.owner} />
            <input type="hidden" name="name" value={ref.name} />
            <input type="hidden" name="version" value={ref.version} />
            <div className="flex flex-wrap gap-3">
              <label className="flex flex-col gap-1 text-sm">
                <span>Ground truth</span>
                <select name="qualityKind" defaultValue={settings.qualityKind ?? ""} className={input}>
                  <option value="">Off</option>
                  <option value="classification">Classification (labels)</option>
                  <option value="regression">Regression (numbers)</option>
                </select>
              </label>
              <label className="flex flex-col gap-1 text-sm">
                <span>Reference accuracy (0–1)</span>
                <input
                  name="referenceAccuracy"
                  type="number"
                  step={SETTING_STEP}
                  min={0}
                  max={1}
                  defaultValue={settings.referenceAccuracy ?? ""}
                  placeholder={settings.effectiveReferenceAccuracy === null ? "none" : `card: ${settings.effectiveReferenceAccuracy}`}
                  className={`${input} w-40`}
                />
              </label>
            </div>
            <div className="flex flex-wrap gap-3">
              {settings.rules.map((r) => (
                <label key={r.rule} className="flex flex-col gap-1 text-sm">
                  <span>
                    {ruleLabel(r.rule)} <span className="text-slate-500">({r.setting})</span>
                  </span>
                  <input
                    name={`threshold:${r.rule}`}
                    type="number"
                    step={SETTING_STEP}
                    min={0}
                    defaultValue={r.value === r.default ? "" : r.value}
                    placeholder={`default ${r.default}`}
                    className={`${input} w-40`}
                  />
                </label>
              ))}
            </div>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
              Save
            </button>
          </ActionForm>
        ) : (
          <DataTable
            caption="Alert thresholds"
            empty=""
            columns={["Rule", "Setting", "Value", "Severity"]}
            rows={settings.rules.map((r) => [ruleLabel(r.rule), r.setting, String(r.value), r.severity])}
          />
        )}
        <p className="text-sm text-slate-600">
          A breach opens an alert ({formatFigure("accuracy", 0.05)} below the reference accuracy by default) that notifies the owning team
          and sends the signed <code>model.alert</code> webhook; it resolves itself when the figure recovers.
        </p>
      </section>
    </div>
  );
}
