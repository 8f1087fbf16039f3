import "server-only";
import { driftOf, MIN_ROWS } from "@/lib/model-health/drift-figures";
import { readBins } from "@/lib/model-health/get-version-health";
import type { FeatureProfile } from "@/lib/model-health/profile";
import { db } from "@/lib/server/db";

/**
 * The largest PSI of the version's numeric input features over [from, to), with its feature — what the alert
 * rule "PSI > 0.2 on any feature" reads. Null without a reference or with too few rows.
 */
export async function maxFeaturePsi(versionId: string, from: Date, to: Date): Promise<{ feature: string; psi: number; n: number } | null> {
  const reference = await db.referenceProfile.findUnique({ where: { versionId }, select: { features: true } });
  if (!reference) return null;
  const rows = await readBins(versionId, from, to);
  let best: { feature: string; psi: number; n: number } | null = null;
  for (const f of reference.features as unknown as FeatureProfile[]) {
    if (f.role !== "input" || f.type !== "numeric") continue;
    const buckets: Record<string, number> = {};
    for (const r of rows) if (r.feature === f.key) buckets[r.bucket] = (buckets[r.bucket] ?? 0) + r.count;
    const d = driftOf(f, buckets);
    if (d.value !== null && d.n >= MIN_ROWS && (!best || d.value > best.psi)) best = { feature: f.name, psi: d.value, n: d.n };
  }
  return best;
}
