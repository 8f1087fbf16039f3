// Shadow and golden-test demo data (issue 16), written after the rest of the company in the seed's transaction:
// - the iris classifier's serving version carries golden tests; their stored run is more than a day old, so the
//   portal's golden-tests job runs them for real soon after start and the page shows a live result;
// - one model with a version in review shadows it at 25 % and has three days of comparisons, so the review page
//   shows agreement, difference, latency and errors from the first visit.
import type { Prisma } from "../../lib/generated/prisma/client";
import { createRng, SEED } from "./random";

type Tx = Prisma.TransactionClient;
const HOUR = 3_600_000;

const IRIS_GOLDEN = [
  { name: "a typical setosa", input: { features: [[5.1, 3.5, 1.4, 0.2]] }, expected: { label: [0] }, tolerance: 0 },
  { name: "a typical virginica", input: { features: [[7.7, 3.0, 6.1, 2.3]] }, expected: { label: [2] }, tolerance: 0 },
];

export async function seedRollouts(tx: Tx, now: Date): Promise<void> {
  const rng = createRng(SEED).fork("rollouts");
  const publisher = await tx.user.findUnique({ where: { email: "publisher@modelport.local" }, select: { id: true } });
  const reviewer = await tx.user.findUnique({ where: { email: "reviewer@modelport.local" }, select: { id: true, email: true } });

  const iris = await tx.modelVersion.findFirst({
    where: { status: "approved", model: { slug: "ml-platform/iris-classifier" } },
    orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
    select: { id: true },
  });
  if (iris) {
    await tx.goldenTestSuite.create({ data: { versionId: iris.id, cases: IRIS_GOLDEN, updatedById: publisher?.id ?? null } });
    await tx.goldenTestRun.create({
      data: {
        versionId: iris.id,
        trigger: "submit",
        passed: true,
        total: IRIS_GOLDEN.length,
        failed: 0,
        results: IRIS_GOLDEN.map((c) => ({ name: c.name, ok: true })),
        at: new Date(now.getTime() - 30 * HOUR),
      },
    });
  }

  // The first model (by slug) with a version in review next to an approved one.
  const [pair] = await tx.$queryRaw<{ modelId: string; candidateId: string; servingId: string }[]>`
    SELECT m.id AS "modelId", p.id AS "candidateId", a.id AS "servingId"
      FROM models m
      JOIN LATERAL (SELECT id FROM model_versions WHERE "modelId" = m.id AND status = 'pending_review' ORDER BY major DESC, minor DESC, patch DESC LIMIT 1) p ON true
      JOIN LATERAL (SELECT id FROM model_versions WHERE "modelId" = m.id AND status = 'approved' ORDER BY major DESC, minor DESC, patch DESC LIMIT 1) a ON true
     ORDER BY m.slug LIMIT 1`;
  if (!pair) return;
  const setAt = new Date(now.getTime() - 72 * HOUR);
  await tx.modelShadow.create({
    data: { modelId: pair.modelId, candidateVersionId: pair.candidateId, percent: 25, setById: reviewer?.id ?? null, createdAt: setAt },
  });
  await tx.auditEvent.create({
    data: {
      at: setAt,
      actorId: reviewer?.id ?? null,
      actorLabel: reviewer?.email ?? "system",
      action: "model.shadow.set",
      targetType: "model",
      targetId: pair.modelId,
      after: { candidateVersionId: pair.candidateId, percent: 25 },
    },
  });
  const rows: Prisma.ShadowComparisonCreateManyInput[] = [];
  for (let i = 0; i < 240; i++) {
    const servingMs = rng.between(18, 45);
    const candidateFailed = rng.chance(0.01);
    rows.push({
      at: new Date(setAt.getTime() + rng.between(0, 72 * HOUR)),
      modelId: pair.modelId,
      servingVersionId: pair.servingId,
      candidateVersionId: pair.candidateId,
      requestId: `req_seed_shadow_${i}`,
      agreement: candidateFailed ? null : rng.chance(0.94),
      absDiff: candidateFailed ? null : rng.between(0.005, 0.08),
      servingMs,
      candidateMs: servingMs * rng.between(0.8, 1.4),
      servingError: null,
      candidateError: candidateFailed ? "upstream_timeout" : null,
    });
  }
  await tx.shadowComparison.createMany({ data: rows });
}
