import "server-only";
import type { Signal } from "@/lib/model-health/alerts/signals";
import { maxFeaturePsi } from "@/lib/model-health/max-feature-psi";
import { db } from "@/lib/server/db";

const HOUR = 3_600_000;

/**
 * Input drift: the largest PSI of a version's numeric input features against its reference over the last
 * 24 hours (the folded hourly bins, so the current hour counts within a minute of the calls). Versions without
 * a reference, or with fewer rows than a drift figure needs, give no figure: no breach and no recovery.
 */
export const driftSignal: Signal = {
  rule: "drift_psi",
  setting: "largest PSI of any input feature against the reference",
  defaultSetting: 0.2,
  severity: "warning",
  breachWhen: "above",
  windowMs: 24 * HOUR,
  read: async (ids, from, to) => {
    const withReference = await db.referenceProfile.findMany({ where: { versionId: { in: ids } }, select: { versionId: true } });
    const figures = new Map<string, number>();
    for (const { versionId } of withReference) {
      const worst = await maxFeaturePsi(versionId, from, to);
      if (worst) figures.set(versionId, worst.psi);
    }
    return figures;
  },
  threshold: (psi) => psi,
};
