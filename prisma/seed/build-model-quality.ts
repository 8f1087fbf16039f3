// Model health demo data: the car-origin classifier collects ground truth, and the feedback its callers sent
// over the last week says it is mostly wrong — live accuracy far below the 0.76 of its card's evaluation — so it
// carries an open failing accuracy alert (and is "failing" on its card, the catalog's Health facet, the ROI
// view and /dashboards/health). Feedback is joined to the seeded calls by their request ids, like real feedback.
import type { Prisma } from "../../lib/generated/prisma/client";

const MODEL = { team: "ml-platform", name: "car-origin-classifier" };
const CLASSES = ["USA", "Europe", "Japan"];
const FEEDBACK_CALLS = 60;
/** About one answer in three right: far below 0.7595 − 0.05. */
const RIGHT_EVERY = 3;

export async function seedModelQuality(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const version = await tx.modelVersion.findFirst({
    where: { status: "approved", model: { name: MODEL.name, team: { slug: MODEL.team } } },
    select: { id: true, modelId: true, model: { select: { teamId: true } } },
  });
  if (!version) return; // no trained ONNX models in this seed
  await tx.modelVersion.update({ where: { id: version.id }, data: { qualityKind: "classification" } });
  const since = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const calls = await tx.invocation.findMany({
    where: { versionId: version.id, at: { gte: since, lte: now }, statusCode: 200 },
    select: { requestId: true, appId: true, at: true },
    orderBy: { at: "desc" },
    take: FEEDBACK_CALLS,
  });
  // The owning team gives the feedback (its console calls have no app).
  const giver = await tx.teamMember.findFirst({
    where: { teamId: version.model.teamId },
    select: { userId: true },
    orderBy: { userId: "asc" },
  });
  await tx.groundTruth.createMany({
    data: calls.map((c, i) => {
      const predicted = CLASSES[i % CLASSES.length];
      const actual = i % RIGHT_EVERY === 0 ? predicted : CLASSES[(i + 1) % CLASSES.length];
      return {
        requestId: c.requestId,
        versionId: version.id,
        appId: c.appId,
        at: c.at,
        predictedLabel: predicted,
        actualLabel: actual,
        feedbackAt: new Date(Math.min(now.getTime(), c.at.getTime() + 3_600_000)),
        feedbackById: giver?.userId ?? null,
      };
    }),
    skipDuplicates: true,
  });
  if (calls.length === 0) return;
  const right = calls.filter((_, i) => i % RIGHT_EVERY === 0).length;
  await tx.modelAlert.create({
    data: {
      versionId: version.id,
      rule: "accuracy",
      severity: "failing",
      figure: right / calls.length,
      threshold: 0.7595 - 0.05,
      openedAt: new Date(now.getTime() - 2 * 3_600_000),
    },
  });
  await tx.model.update({ where: { id: version.modelId }, data: { healthStatus: "failing" } });
}
