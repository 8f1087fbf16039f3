import "server-only";
import { listModelAlerts } from "@/lib/model-health/alerts/list-alerts";
import { canSeeHealth } from "@/lib/model-health/feedback/find-health-version";
import { getVersionQuality } from "@/lib/model-health/feedback/get-version-quality";
import type { Principal } from "@/lib/auth/principal";
import { captureSettingsOf } from "@/lib/model-health/capture-settings";
import { driftOf, violationsOf, type Buckets, type DriftFigure } from "@/lib/model-health/drift-figures";
import { findHealthVersion, type VersionRef } from "@/lib/model-health/find-health-version";
import type { FeatureProfile } from "@/lib/model-health/profile";
import { referenceView } from "@/lib/model-health/reference-store";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { mergeHistograms, percentileFromHistogram } from "@/lib/usage/latency-buckets";

// GET …/versions/{v}/health in one function with one section per concern: reference, capture, drift,
// violations, traffic. Live quality and alerts are sections too, for those who may see them.

const DAY = 86_400_000;
export const MAX_WINDOW_DAYS = 92;

export type HealthWindow = { from?: Date; to?: Date };

/** The window asked for, defaulting to the last 7 days (at most MAX_WINDOW_DAYS). */
export function healthWindow(w: HealthWindow, now = new Date()) {
  const to = w.to ?? now;
  const from = w.from ?? new Date(to.getTime() - 7 * DAY);
  if (from.getTime() >= to.getTime()) throw new AppError("validation_failed", "from must be before to.");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY)
    throw new AppError("validation_failed", `The window is at most ${MAX_WINDOW_DAYS} days.`);
  return { from, to };
}

type BinRow = { hour: Date; feature: string; bucket: string; count: number };

/** Summed health bins of a version per hour, feature and bucket in [from, to). */
export async function readBins(versionId: string, from: Date, to: Date): Promise<BinRow[]> {
  const rows = await db.$queryRaw<{ hour: Date; feature: string; bucket: string; count: bigint }[]>`
    SELECT hour, feature, bucket, sum(count)::bigint AS count FROM health_bins
    WHERE "versionId" = ${versionId}::uuid AND hour >= date_trunc('hour', ${from}::timestamptz) AND hour < ${to}::timestamptz
    GROUP BY hour, feature, bucket ORDER BY hour`;
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

function sumBy(rows: BinRow[], keyOf: (r: BinRow) => string): Map<string, Buckets> {
  const out = new Map<string, Buckets>();
  for (const r of rows) {
    const key = keyOf(r);
    const b = out.get(key) ?? {};
    b[r.bucket] = (b[r.bucket] ?? 0) + r.count;
    out.set(key, b);
  }
  return out;
}

type Point = { at: string } & DriftFigure;

function driftSection(features: FeatureProfile[], rows: BinRow[]) {
  const window = sumBy(rows, (r) => r.feature);
  const hourly = sumBy(rows, (r) => `${r.feature}|${r.hour.toISOString()}`);
  const daily = sumBy(rows, (r) => `${r.feature}|${r.hour.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const series = (map: Map<string, Buckets>, f: FeatureProfile): Point[] =>
    [...map]
      .filter(([k]) => k.startsWith(`${f.key}|`))
      .map(([k, b]) => ({ at: k.slice(f.key.length + 1), ...driftOf(f, b) }))
      .sort((a, b) => a.at.localeCompare(b.at));
  return features.map((f) => ({
    feature: f.name,
    key: f.key,
    role: f.role,
    type: f.type,
    ...driftOf(f, window.get(f.key) ?? {}),
    hourly: series(hourly, f),
    daily: series(daily, f),
  }));
}

async function trafficSection(versionId: string, from: Date, to: Date) {
  const rows = await db.usageHourly.findMany({
    where: { versionId, bucket: { gte: new Date(Math.floor(from.getTime() / 3_600_000) * 3_600_000), lt: to } },
    select: { calls: true, errors: true, latencyHist: true },
  });
  let calls = 0;
  let errors = 0;
  let hist: number[] = [];
  for (const r of rows) {
    calls += Number(r.calls);
    errors += Number(r.errors);
    hist = mergeHistograms(hist, r.latencyHist);
  }
  return {
    calls,
    errors,
    errorRate: calls > 0 ? errors / calls : null,
    p50Ms: percentileFromHistogram(hist, 0.5),
    p95Ms: percentileFromHistogram(hist, 0.95),
  };
}

/** A version's health over a window, for whoever may see the model. */
export async function getVersionHealth(principal: Principal | null, ref: VersionRef, w: HealthWindow = {}) {
  const v = await findHealthVersion(principal, ref, "view");
  const { from, to } = healthWindow(w);
  const [reference, rows, traffic, captured] = await Promise.all([
    db.referenceProfile.findUnique({ where: { versionId: v.id } }),
    readBins(v.id, from, to),
    trafficSection(v.id, from, to),
    db.payloadCapture.count({ where: { versionId: v.id, at: { gte: from, lt: to } } }),
  ]);
  // Live quality and alerts are the owning team's, reviewers', admins' and executives' (null for anyone else).
  const detail = principal !== null && canSeeHealth(principal, v.model.teamId);
  const [quality, alerts] = detail
    ? await Promise.all([getVersionQuality(v.id, from, to), listModelAlerts({ principal, ref, version: v.version }).then((a) => a.items)])
    : [null, null];
  const features = reference ? (reference.features as unknown as FeatureProfile[]) : [];
  const window = sumBy(rows, (r) => r.feature);
  const sections = {
    reference: reference ? referenceView(reference) : null,
    capture: { ...captureSettingsOf(v), capturedInWindow: captured },
    drift: driftSection(features, rows),
    violations: features.flatMap((f) => violationsOf(f, window.get(f.key) ?? {})),
    traffic,
    quality,
    alerts,
  };
  return {
    model: `${ref.owner}/${ref.name}`,
    version: v.version,
    versionId: v.id,
    from: from.toISOString(),
    to: to.toISOString(),
    ...sections,
  };
}

export type VersionHealth = Awaited<ReturnType<typeof getVersionHealth>>;
