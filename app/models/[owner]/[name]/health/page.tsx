import type { Metadata } from "next";
import Link from "next/link";
import { formatFigure, ruleLabel } from "@/lib/model-health/alerts/rule-label";
import { notFound } from "next/navigation";
import { CaptureSettingsForm } from "@/components/model-health/capture-settings-form";
import { DriftOverTime, DriftTable, isDrifting, ReferenceSummary, ViolationsList } from "@/components/model-health/health-sections";
import { ReferenceUploadForm } from "@/components/model-health/reference-upload-form";
import { RolloutSummary } from "@/components/model-health/rollout-summary";
import { getCanary } from "@/lib/rollouts/get-canary";
import { getShadow } from "@/lib/rollouts/get-shadow";
import { getCurrentUser } from "@/lib/auth/current-user";
import { principalOfUser } from "@/lib/auth/principal";
import { modelForPage } from "@/lib/catalog/model-for-page";
import { getVersionHealth } from "@/lib/model-health/get-version-health";
import { healthAccess } from "@/lib/model-health/health-access";
import { listCaptures } from "@/lib/model-health/list-captures";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; name: string }>; searchParams: Promise<{ version?: string; window?: string }> };

const WINDOWS = { "24h": 1, "7d": 7, "30d": 30 } as const;
type WindowKey = keyof typeof WINDOWS;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  const model = await modelForPage(owner, name);
  return { title: `Health · ${model.displayName}` };
}

const short = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
};

export default async function HealthPage({ params, searchParams }: Props) {
  const { owner, name } = await params;
  const query = await searchParams;
  const model = await modelForPage(owner, name);
  const version = query.version ?? model.latestVersion ?? model.versions[0]?.version;
  if (!version) notFound();
  const windowKey: WindowKey = query.window && query.window in WINDOWS ? (query.window as WindowKey) : "7d";
  const user = await getCurrentUser();
  const principal = user ? principalOfUser(user) : null;
  const ref = { owner: model.owner, name: model.name, version };
  const to = new Date();
  const from = new Date(to.getTime() - WINDOWS[windowKey] * 86_400_000);
  let health;
  try {
    health = await getVersionHealth(principal, ref, { from, to });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const access = await healthAccess(principal, ref);
  // The shadow and canary comparison, for those who may see it (the model's team, reviewers, admins).
  const ifAllowed = <T,>(p: Promise<T>) =>
    p.catch((error: unknown) => (error instanceof AppError && error.status < 500 ? null : Promise.reject(error)));
  const [shadow, canary] = await Promise.all([
    ifAllowed(getShadow(principal, { owner: model.owner, name: model.name })),
    ifAllowed(getCanary(principal, { owner: model.owner, name: model.name })),
  ]);
  const candidateId = shadow?.shadow ? model.versions.find((v) => v.version === shadow.shadow!.version)?.id : undefined;
  const captures = access.browse ? await listCaptures(principal, ref, { page: 1, pageSize: 10 }) : null;
  const basePath = `/models/${model.owner}/${model.name}`;
  const apiPath = `/api/v1/models/${encodeURIComponent(model.owner)}/${encodeURIComponent(model.name)}/versions/${encodeURIComponent(version)}`;
  const drifting = health.drift.filter(isDrifting);
  const link = (changes: { version?: string; window?: string }) =>
    `${basePath}/health?${new URLSearchParams({ version: changes.version ?? version, window: changes.window ?? windowKey })}`;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/models" className="hover:underline">
          Catalog
        </Link>{" "}
        /{" "}
        <Link href={basePath} className="hover:underline">
          {model.owner}/{model.name}
        </Link>{" "}
        / health
      </nav>
      <header className="space-y-3">
        <h1 className="text-3xl font-semibold">
          Health: {model.displayName} <span className="font-mono">v{version}</span>
        </h1>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <label className="flex items-center gap-2">
            <span className="text-slate-600">Version</span>
            <span className="flex flex-wrap gap-1">
              {model.versions.slice(0, 8).map((v) => (
                <Link
                  key={v.version}
                  href={link({ version: v.version })}
                  aria-current={v.version === version ? "page" : undefined}
                  className={`rounded px-2 py-0.5 font-mono ${v.version === version ? "bg-blue-600 text-white" : "bg-slate-100 hover:bg-slate-200"}`}
                >
                  {v.version}
                </Link>
              ))}
            </span>
          </label>
          <span className="flex gap-1" aria-label="Window">
            {(Object.keys(WINDOWS) as WindowKey[]).map((w) => (
              <Link
                key={w}
                href={link({ window: w })}
                aria-current={w === windowKey ? "page" : undefined}
                className={`rounded px-2 py-0.5 ${w === windowKey ? "bg-blue-600 text-white" : "bg-slate-100 hover:bg-slate-200"}`}
              >
                last {w}
              </Link>
            ))}
          </span>
          <Link href={`${basePath}/versions/${encodeURIComponent(version)}`} className="text-blue-700 hover:underline">
            Version page
          </Link>
          {health.quality !== null && (
            <Link href={`${basePath}/versions/${encodeURIComponent(version)}/quality`} className="text-blue-700 hover:underline">
              Quality and alert thresholds
            </Link>
          )}
        </div>
      </header>

      {health.alerts !== null && health.alerts.some((a) => a.status === "open") && (
        <section aria-label="Open alerts" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <h2 className="font-semibold">Open alerts</h2>
          <ul className="mt-1 list-disc pl-5">
            {health.alerts
              .filter((a) => a.status === "open")
              .map((a) => (
                <li key={a.id}>
                  {ruleLabel(a.rule)}: {formatFigure(a.rule, a.figure)} against the threshold {formatFigure(a.rule, a.threshold)}, since{" "}
                  {a.openedAt.slice(0, 16).replace("T", " ")} UTC ({a.severity})
                </li>
              ))}
          </ul>
        </section>
      )}

      <section aria-label="Summary" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          ["Calls", String(health.traffic.calls)],
          ["Error rate", health.traffic.errorRate === null ? "—" : `${(health.traffic.errorRate * 100).toFixed(2)} %`],
          ["p95 latency", health.traffic.p95Ms === null ? "—" : `${health.traffic.p95Ms.toFixed(1)} ms`],
          ["Drifting features", health.reference ? String(drifting.length) : "no reference"],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-xs text-slate-500">{label}</p>
            <p className="text-xl font-semibold">{value}</p>
          </div>
        ))}
      </section>
      {drifting.length > 0 && (
        <p role="status" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          Drifting: {drifting.map((d) => d.feature).join(", ")} — the calls of this window no longer look like the reference.
        </p>
      )}

      <DriftOverTime drift={health.drift} daily={windowKey !== "24h"} />
      <section aria-labelledby="drift-title" className="space-y-2">
        <h2 id="drift-title" className="font-semibold">
          Drift per feature (last {windowKey})
        </h2>
        <DriftTable drift={health.drift} />
      </section>
      <RolloutSummary
        shadow={shadow}
        canary={canary}
        owner={model.owner}
        name={model.name}
        reviewHref={candidateId ? `/review/${candidateId}` : null}
      />
      <section aria-labelledby="violations-title" className="space-y-2">
        <h2 id="violations-title" className="font-semibold">
          Data-quality violations
        </h2>
        <ViolationsList violations={health.violations} />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="reference-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="reference-title" className="font-semibold">
            Reference profile
          </h2>
          <ReferenceSummary reference={health.reference} />
          {access.own && <ReferenceUploadForm path={apiPath} />}
        </section>
        <section aria-labelledby="capture-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="capture-title" className="font-semibold">
            Payload capture
          </h2>
          <p className="text-sm text-slate-600">
            {health.capture.captureRate > 0
              ? `${(health.capture.captureRate * 100).toFixed(1)} % of successful calls are captured`
              : "Capture is off"}
            {health.capture.redactFields.length > 0 ? `, with ${health.capture.redactFields.join(", ")} redacted` : ""}; kept{" "}
            {health.capture.retentionDays} days. {health.capture.capturedInWindow} captured in this window.
          </p>
          {access.own && <CaptureSettingsForm path={apiPath} rate={health.capture.captureRate} redact={health.capture.redactFields} />}
        </section>
      </div>

      {captures && (
        <section aria-labelledby="captures-title" className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="captures-title" className="font-semibold">
              Captured calls ({captures.total})
            </h2>
            <a href={`${apiPath}/captures?format=jsonl`} className="text-sm text-blue-700 hover:underline">
              Download all (JSONL)
            </a>
          </div>
          {captures.items.length === 0 ? (
            <p className="rounded border border-dashed border-slate-300 p-6 text-sm text-slate-500">
              Nothing captured yet: successful calls are sampled at the capture rate above.
            </p>
          ) : (
            <ul
              aria-label="The latest captured calls"
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm"
            >
              {captures.items.map((c) => (
                <li key={c.id} className="space-y-1 px-3 py-2">
                  <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
                    <span>{c.at.slice(0, 19).replace("T", " ")} UTC</span>
                    <span className="font-mono">{c.requestId}</span>
                  </p>
                  <p className="truncate font-mono text-xs" title={JSON.stringify(c.input)}>
                    <span className="text-slate-500">in </span>
                    {short(c.input)}
                  </p>
                  <p className="truncate font-mono text-xs" title={JSON.stringify(c.output)}>
                    <span className="text-slate-500">out </span>
                    {short(c.output)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
