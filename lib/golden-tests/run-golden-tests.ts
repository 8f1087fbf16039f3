import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { loadVersionConfig } from "@/lib/gateway/load-version-config";
import { runVersion } from "@/lib/gateway/runtimes/run-version";
import { validateInput } from "@/lib/gateway/validate-input";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { notify } from "@/lib/notifications/notify";
import { compareOutput } from "@/lib/golden-tests/compare-output";
import { goldenCaseSchema, type GoldenCaseResult, type GoldenTrigger } from "@/lib/golden-tests/schemas";
import { toRunView } from "@/lib/golden-tests/run-view";

/**
 * Runs a version's golden tests through its own runtime (the same runVersion the gateway uses, without the
 * gateway's recording: a test run is not a call) and stores the run. An approved version whose run fails
 * after passing (or on its first run) is an alert: the owning team is notified in the app and the signed
 * `model.alert` webhook is queued, in the run's transaction. Null when the version has no golden tests.
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
  return db.$transaction(async (tx) => {
    const previous = await tx.goldenTestRun.findFirst({ where: { versionId }, orderBy: { at: "desc" }, select: { passed: true } });
    const run = await tx.goldenTestRun.create({
      data: { versionId, trigger, passed: failed === 0, total: results.length, failed, results: results as Prisma.InputJsonValue },
    });
    const v = await tx.modelVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { version: true, status: true, model: { select: { slug: true, displayName: true, teamId: true } } },
    });
    if (failed > 0 && v.status === "approved" && previous?.passed !== false) {
      const members = await tx.teamMember.findMany({
        where: { teamId: v.model.teamId, user: { disabled: false } },
        select: { userId: true },
      });
      const first = results.find((r) => !r.ok)!;
      await notify(
        tx,
        members.map((m) => m.userId),
        {
          kind: "model.alert",
          versionId,
          link: `/models/${v.model.slug}`,
          title: `${v.model.displayName} ${v.version}: golden tests failing`,
          body: `${failed} of ${results.length} golden tests failed (${trigger} run). First: ${first.name} — ${first.detail ?? ""}`,
        },
      );
      await enqueueWebhookEvent(tx, "model.alert", {
        kind: "golden_tests_failing",
        model: v.model.slug,
        version: v.version,
        versionId,
        failed,
        total: results.length,
        runId: run.id,
      });
      log().warn({ versionId, failed, total: results.length, trigger }, "golden tests failing on an approved version");
    }
    return toRunView(run);
  });
}

/** True when the version's latest golden-test run failed (the alerts engine and the checklist use it). */
export async function goldenTestsFailing(versionId: string): Promise<boolean> {
  const run = await db.goldenTestRun.findFirst({ where: { versionId }, orderBy: { at: "desc" }, select: { passed: true } });
  return run !== null && !run.passed;
}
