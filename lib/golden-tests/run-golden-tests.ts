import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { loadVersionConfig } from "@/lib/gateway/load-version-config";
import { runVersion } from "@/lib/gateway/runtimes/run-version";
import { validateInput } from "@/lib/gateway/validate-input";
import { compareOutput } from "@/lib/golden-tests/compare-output";
import { goldenCaseSchema, type GoldenCaseResult, type GoldenTrigger } from "@/lib/golden-tests/schemas";
import { toRunView } from "@/lib/golden-tests/run-view";

/**
 * Runs a version's golden tests through its own runtime (the same runVersion the gateway uses, without the
 * gateway's recording: a test run is not a call) and stores the run. A failing run blocks approval (the
 * checklist) and, on a version taking traffic, opens a `golden_tests` alert (lib/model-health/alerts). Null
 * when the version has no golden tests.
 */
export async function runGoldenTests(versionId: string, trigger: GoldenTrigger) {
  const suite = await db.goldenTestSuite.findUnique({
    where: { versionId },
    select: { cases: true, version: { select: { updatedAt: true } } },
  });
  if (!suite) return null;
  const cases = goldenCaseSchema.array().parse(suite.cases);
  if (cases.length === 0) return null;
  const config = await loadVersionConfig(versionId, suite.version.updatedAt);
  const results: GoldenCaseResult[] = [];
  for (const [i, c] of cases.entries()) {
    try {
      validateInput(config.inputSchema, c.input);
      const ran = await runVersion({ config, input: c.input, requestId: `golden-${versionId}-${i}` });
      const verdict = compareOutput(ran.output, c.expected, c.tolerance);
      results.push({ name: c.name, ok: verdict.ok, ...(verdict.ok ? {} : { detail: verdict.detail }), output: ran.output });
    } catch (error) {
      results.push({ name: c.name, ok: false, detail: `The call failed: ${(error as Error).message}` });
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  const run = await db.goldenTestRun.create({
    data: { versionId, trigger, passed: failed === 0, total: results.length, failed, results: results as Prisma.InputJsonValue },
  });
  // On a version taking traffic, a failing run is an alert: the model-alerts job reads the latest run (the
  // `golden_tests` rule), opens it, notifies the team and sends `model.alert`; a passing run resolves it.
  if (failed > 0) log().warn({ versionId, failed, total: results.length, trigger }, "golden tests failing");
  return toRunView(run);
}

/** True when the version's latest golden-test run failed (the alerts engine and the checklist use it). */
export async function goldenTestsFailing(versionId: string): Promise<boolean> {
  const run = await db.goldenTestRun.findFirst({ where: { versionId }, orderBy: { at: "desc" }, select: { passed: true } });
  return run !== null && !run.passed;
}
