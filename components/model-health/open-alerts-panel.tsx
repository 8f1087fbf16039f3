import Link from "next/link";
import { principalOfUser } from "@/lib/auth/principal";
import { getCurrentUser } from "@/lib/auth/current-user";
import { listModelAlerts } from "@/lib/model-health/alerts/list-alerts";
import { formatFigure, ruleLabel } from "@/lib/model-health/alerts/rule-label";
import { AppError } from "@/lib/server/errors";
import { formatDate } from "@/lib/format";

/**
 * For those who see the model's health (owning team, reviewers, admins, executives): its open alerts, and the way
 * to the version's quality and thresholds. Nothing for anyone else.
 */
export async function OpenAlertsPanel({ owner, name, version }: { owner: string; name: string; version: string | null }) {
  const user = await getCurrentUser();
  if (!user) return null;
  let alerts;
  try {
    alerts = await listModelAlerts({ principal: principalOfUser(user), ref: { owner, name }, state: "open" });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null; // not one whose health this person sees
    throw error;
  }
  const settings = (v: string, label: string) => (
    <Link className="underline" href={`/models/${owner}/${name}/versions/${v}/quality`}>
      {label}
    </Link>
  );
  if (alerts.items.length === 0)
    return version ? (
      <p className="text-sm text-slate-600" data-testid="health-links">
        No open health alerts. {settings(version, `Quality and alert thresholds of v${version}`)}
      </p>
    ) : null;
  return (
    <section aria-labelledby="open-alerts" className="rounded-lg border border-red-200 bg-red-50 p-4" data-testid="open-alerts">
      <h2 id="open-alerts" className="font-semibold text-red-900">
        Open health alerts
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-red-900">
        {alerts.items.map((a) => (
          <li key={a.id}>
            <span className="font-medium">v{a.version}</span> · {ruleLabel(a.rule)} {formatFigure(a.rule, a.figure)} (threshold{" "}
            {formatFigure(a.rule, a.threshold)}) · {a.severity} since {formatDate(new Date(a.openedAt))} ·{" "}
            {settings(a.version, "quality and thresholds")}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-red-800">
        An alert resolves itself when its figure recovers.{" "}
        <Link href="/dashboards/health" className="underline">
          Every model&apos;s health
        </Link>
      </p>
    </section>
  );
}
