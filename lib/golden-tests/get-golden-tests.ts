import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { findStewardedModel } from "@/lib/rollouts/model-steward";
import { runGoldenTests } from "@/lib/golden-tests/run-golden-tests";
import { toRunView } from "@/lib/golden-tests/run-view";
import { goldenCaseSchema, type GoldenSuiteView } from "@/lib/golden-tests/schemas";

type Ref = { owner: string; name: string; version: string };

async function versionIdOf(principal: Principal | null, ref: Ref, write = false): Promise<string> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: true, write });
  const v = await db.modelVersion.findUnique({
    where: { modelId_version: { modelId: model.id, version: ref.version } },
    select: { id: true },
  });
  if (!v) throw notFound(`Version ${ref.version} of ${ref.owner}/${ref.name}`);
  return v.id;
}

/** A version's golden tests and their latest run, by id (pages) — the caller has checked who may see them. */
export async function goldenSuiteOf(versionId: string): Promise<GoldenSuiteView> {
  const [suite, run] = await Promise.all([
    db.goldenTestSuite.findUnique({ where: { versionId }, select: { cases: true } }),
    db.goldenTestRun.findFirst({ where: { versionId }, orderBy: { at: "desc" } }),
  ]);
  return { cases: suite ? goldenCaseSchema.array().parse(suite.cases) : [], lastRun: run ? toRunView(run) : null };
}

/** The golden tests of a version for its team, reviewers and admins. */
export async function getGoldenTests(principal: Principal | null, ref: Ref): Promise<GoldenSuiteView> {
  return goldenSuiteOf(await versionIdOf(principal, ref));
}

/** Runs them now (the team, reviewers and admins), e.g. after the upstream server changed. */
export async function runGoldenTestsNow(principal: Principal | null, actor: AuditActor, ref: Ref): Promise<GoldenSuiteView> {
  const versionId = await versionIdOf(principal, ref, true);
  const run = await runGoldenTests(versionId, "manual");
  if (run)
    await recordAudit(db, actor, {
      action: "version.golden_tests.run",
      targetType: "version",
      targetId: versionId,
      after: { runId: run.id, passed: run.passed, failed: run.failed, total: run.total },
    });
  return goldenSuiteOf(versionId);
}
