import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { findOwnVersion } from "@/lib/publishing/find-own-model";
import { publisherUserId, type PublishContext } from "@/lib/publishing/publisher";
import { runGoldenTests } from "@/lib/golden-tests/run-golden-tests";
import type { GoldenSuiteBody, GoldenSuiteView } from "@/lib/golden-tests/schemas";

/**
 * Sets a draft's golden tests (replacing them; an empty list removes them) and runs them at once, so the
 * publisher sees on the manage page whether they pass before submitting. Submitted versions are immutable.
 */
export async function setGoldenTests(
  ctx: PublishContext,
  ref: { owner: string; name: string; version: string },
  body: GoldenSuiteBody,
): Promise<GoldenSuiteView> {
  const versionId = await db.$transaction(async (tx) => {
    const { model, version } = await findOwnVersion(tx, ctx.publisher, ref.owner, ref.name, ref.version);
    const rows = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS status FROM model_versions WHERE id = ${version.id}::uuid FOR UPDATE`;
    if (rows[0]?.status !== "draft")
      throw new AppError("invalid_transition", `Version ${version.version} is ${rows[0]?.status}; golden tests are set on drafts.`, {
        details: { currentStatus: rows[0]?.status },
      });
    const before = await tx.goldenTestSuite.findUnique({ where: { versionId: version.id }, select: { cases: true } });
    if (body.cases.length === 0) {
      await tx.goldenTestSuite.deleteMany({ where: { versionId: version.id } });
      await tx.goldenTestRun.deleteMany({ where: { versionId: version.id } });
    } else {
      const cases = body.cases as Prisma.InputJsonValue;
      const updatedById = publisherUserId(ctx.publisher);
      await tx.goldenTestSuite.upsert({
        where: { versionId: version.id },
        create: { versionId: version.id, cases, updatedById },
        update: { cases, updatedById },
      });
    }
    await recordAudit(tx, ctx.actor, {
      action: "version.golden_tests.set",
      targetType: "version",
      targetId: version.id,
      before: { cases: (before?.cases as Prisma.InputJsonValue) ?? [] },
      after: { model: model.slug, version: version.version, cases: body.cases as Prisma.InputJsonValue },
    });
    return version.id;
  });
  const lastRun = await runGoldenTests(versionId, "edit");
  return { cases: body.cases, lastRun };
}
