import "server-only";
import { referenceAccuracyOf } from "@/lib/model-health/feedback/reference-accuracy";
import type { VersionQuality } from "@/lib/model-health/feedback/schemas";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * A version's live quality from ground truth between `from` and `to` (by call time): accuracy and per-class
 * precision/recall for classifiers, MAE/RMSE for regressors, overall and per hour or day. Read straight from
 * ground_truth (only scored calls, by version and time), so feedback counts the moment it is stored.
 */
export async function getVersionQuality(
  versionId: string,
  from: Date,
  to: Date,
  granularity: "hour" | "day" = to.getTime() - from.getTime() > 2 * 86_400_000 ? "day" : "hour",
): Promise<VersionQuality> {
  const version = await db.modelVersion.findUnique({
    where: { id: versionId },
    select: { qualityKind: true, referenceAccuracy: true, model: { select: { card: true } } },
  });
  if (!version) throw notFound("The version");
  const [totals] = await db.$queryRaw<{ scored: number; feedback: number; correct: number; mae: number | null; rmse: number | null }[]>`
    SELECT count(*)::int AS scored, count("feedbackAt")::int AS feedback,
           count(*) FILTER (WHERE "feedbackAt" IS NOT NULL AND "actualLabel" = "predictedLabel")::int AS correct,
           avg(abs("actualValue" - "predictedValue")) AS mae, sqrt(avg(power("actualValue" - "predictedValue", 2))) AS rmse
      FROM ground_truth WHERE "versionId" = ${versionId}::uuid AND at >= ${from} AND at < ${to}`;
  const classification = version.qualityKind === "classification";
  const series = await db.$queryRaw<{ bucket: Date; feedback: number; correct: number; mae: number | null; rmse: number | null }[]>`
    SELECT date_trunc(${granularity}, at) AS bucket, count(*)::int AS feedback,
           count(*) FILTER (WHERE "actualLabel" = "predictedLabel")::int AS correct,
           avg(abs("actualValue" - "predictedValue")) AS mae, sqrt(avg(power("actualValue" - "predictedValue", 2))) AS rmse
      FROM ground_truth WHERE "versionId" = ${versionId}::uuid AND at >= ${from} AND at < ${to} AND "feedbackAt" IS NOT NULL
     GROUP BY 1 ORDER BY 1`;
  const classes = classification
    ? await db.$queryRaw<{ label: string; support: number; tp: number; predicted: number }[]>`
        WITH f AS (SELECT "actualLabel" AS a, "predictedLabel" AS p FROM ground_truth
                    WHERE "versionId" = ${versionId}::uuid AND at >= ${from} AND at < ${to} AND "feedbackAt" IS NOT NULL),
             l AS (SELECT a AS label FROM f UNION SELECT p FROM f WHERE p IS NOT NULL)
        SELECT l.label, (SELECT count(*) FROM f WHERE a = l.label)::int AS support,
               (SELECT count(*) FROM f WHERE a = l.label AND p = l.label)::int AS tp,
               (SELECT count(*) FROM f WHERE p = l.label)::int AS predicted
          FROM l ORDER BY l.label`
    : [];
  return {
    kind: version.qualityKind,
    from: from.toISOString(),
    to: to.toISOString(),
    granularity,
    scoredCalls: totals.scored,
    feedback: totals.feedback,
    accuracy: classification ? ratio(totals.correct, totals.feedback) : null,
    referenceAccuracy: classification ? referenceAccuracyOf(version) : null,
    classes: classes.map((c) => ({
      label: c.label,
      support: c.support,
      precision: ratio(c.tp, c.predicted),
      recall: ratio(c.tp, c.support),
    })),
    mae: classification ? null : totals.mae,
    rmse: classification ? null : totals.rmse,
    series: series.map((s) => ({
      bucket: s.bucket.toISOString(),
      feedback: s.feedback,
      accuracy: classification ? ratio(s.correct, s.feedback) : null,
      mae: classification ? null : s.mae,
      rmse: classification ? null : s.rmse,
    })),
  };
}
