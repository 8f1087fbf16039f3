import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { reviewVersion } from "@/lib/governance/review-version";
import { reviewBody } from "@/lib/governance/schemas";
import { actor, makeModel, makeUser, makeVersion } from "@/lib/governance/testing/factory";
import { createAppWithKey, IRIS_ONNX } from "@/lib/gateway/test-fixtures";
import { submitVersion } from "@/lib/publishing/submit-version";
import { AppError } from "@/lib/server/errors";
import { goldenTestsFailing, runGoldenTests } from "@/lib/golden-tests/run-golden-tests";
import { setGoldenTests } from "@/lib/golden-tests/set-golden-tests";
import { runDueGoldenTests } from "@/lib/golden-tests/run-due-golden-tests";
import { evaluateAlerts } from "@/lib/model-health/alerts/evaluate-alerts";

const { PUT, GET } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/golden-tests/route");

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { inputSchema: object };
const SETOSA = { features: [[5.1, 3.5, 1.4, 0.2]] };
const VIRGINICA = { features: [[7.7, 3.0, 6.1, 2.3]] };
const passing = [
  { name: "a typical setosa", input: SETOSA, expected: { label: [0] }, tolerance: 0 },
  { name: "a typical virginica", input: VIRGINICA, expected: { label: [2] }, tolerance: 0 },
];
const failing = [passing[0], { name: "virginica called setosa", input: VIRGINICA, expected: { label: [0] }, tolerance: 0 }];

/** A complete model of a fresh team with an ONNX iris version in `status`, and a publisher of the team. */
async function irisVersion(status: "draft" | "approved" = "draft") {
  const { model, team, ref } = await makeModel();
  const publisher = await makeUser("publisher", team.id);
  const draft = await makeVersion(model.id, { status: "draft", createdById: publisher.id });
  const v = await db.modelVersion.update({
    where: { id: draft.id },
    data: { runtime: "onnx", endpointUrl: null, artifactPath: IRIS_ONNX, inputSchema: iris.inputSchema, exampleInput: SETOSA },
  });
  if (status === "approved") {
    await db.modelVersion.update({ where: { id: v.id }, data: { status: "pending_review" } });
    await db.modelVersion.update({ where: { id: v.id }, data: { status: "approved", approvedAt: new Date() } });
  }
  const ctx = {
    publisher: { kind: "user" as const, userId: publisher.id, role: "publisher" as const, teamIds: [team.id] },
    actor: actor(publisher),
  };
  return { model, team, publisher, ctx, v, ref: { ...ref, version: v.version } };
}

describe("golden tests", () => {
  it("run when set on a draft: labels must be equal, and a failing case is a failed run", async () => {
    const { ctx, v, ref } = await irisVersion();
    const ok = await setGoldenTests(ctx, ref, { cases: passing });
    expect(ok.lastRun).toMatchObject({ passed: true, total: 2, failed: 0, trigger: "edit" });
    expect(await goldenTestsFailing(v.id)).toBe(false);
    const bad = await setGoldenTests(ctx, ref, { cases: failing });
    expect(bad.lastRun).toMatchObject({ passed: false, total: 2, failed: 1 });
    expect(bad.lastRun?.results[1]).toMatchObject({
      name: "virginica called setosa",
      ok: false,
      detail: "/label/0: 2 differs from 0 by 2 (tolerance 0)",
    });
    expect(await goldenTestsFailing(v.id)).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { targetId: v.id, action: "version.golden_tests.set" } });
    expect(audit).toHaveLength(2);
    expect(audit[0].actorId).toBe(ctx.actor.id);
  });

  it("run again at submit, and a failure blocks approval as a checklist item", async () => {
    const { ctx, v, ref } = await irisVersion();
    await setGoldenTests(ctx, ref, { cases: failing });
    await db.invocation.create({
      data: {
        requestId: `req_${v.id}`,
        modelId: v.modelId,
        versionId: v.id,
        channel: "console",
        statusCode: 200,
        gatewayMs: 1,
        upstreamMs: 1,
      },
    });
    await submitVersion(ctx, ref.owner, ref.name, ref.version);
    const runs = await db.goldenTestRun.findMany({ where: { versionId: v.id }, orderBy: { at: "asc" } });
    expect(runs.map((r) => [r.trigger, r.passed])).toEqual([
      ["edit", false],
      ["submit", false],
    ]);
    const reviewer = await makeUser("reviewer");
    const error = await reviewVersion({
      reviewer,
      actor: actor(reviewer),
      ref,
      body: reviewBody.parse({ decision: "approve", comment: "" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("checklist_incomplete");
    expect(((error as AppError).details?.missing as { key: string }[]).map((m) => m.key)).toEqual(["golden_tests"]);
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("pending_review");
  });

  it("on an approved version, a failing daily run opens a golden_tests alert (team notified, model.alert sent once); a passing run resolves it", async () => {
    const { team, publisher, v } = await irisVersion("approved");
    const teammate = await makeUser("consumer", team.id);
    const admin = await makeUser("admin");
    const hook = await db.webhook.create({
      data: { url: "https://hooks.example.com/modelport", events: ["model.alert"], secret: "whsec_test", createdById: admin.id },
    });
    await db.goldenTestSuite.create({ data: { versionId: v.id, cases: failing } });
    expect(await runDueGoldenTests()).toBeGreaterThanOrEqual(1);
    const run = await db.goldenTestRun.findFirstOrThrow({ where: { versionId: v.id } });
    expect(run).toMatchObject({ trigger: "daily", passed: false, failed: 1 });
    await evaluateAlerts();
    const alerts = await db.modelAlert.findMany({ where: { versionId: v.id } });
    expect(alerts.map((a) => [a.rule, a.figure, a.threshold, a.resolvedAt])).toEqual([["golden_tests", 1, 0, null]]);
    expect((await db.model.findUniqueOrThrow({ where: { id: v.modelId } })).healthStatus).toBe("failing");
    const notes = await db.notification.findMany({ where: { versionId: v.id, kind: "model.alert" } });
    expect(notes.map((n) => n.recipientId).sort()).toEqual([publisher.id, teammate.id].sort());
    expect(notes[0].title).toContain("failing golden tests 1");
    // The alerts job judges every version in the database; this hook counts only this version's alerts.
    const ours = async () =>
      (await db.webhookDelivery.findMany({ where: { webhookId: hook.id } })).filter(
        (d) => (d.payload as { data?: { versionId?: string } }).data?.versionId === v.id,
      );
    const deliveries = await ours();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].payload).toMatchObject({
      event: "model.alert",
      data: { status: "open", rule: "golden_tests", versionId: v.id, figure: 1, threshold: 0 },
    });
    // Not run again within the day; a second failing run in a row is the same alert, not a new one.
    expect(await db.goldenTestRun.count({ where: { versionId: v.id } })).toBe(1);
    await runGoldenTests(v.id, "manual");
    await evaluateAlerts();
    expect(await db.modelAlert.count({ where: { versionId: v.id } })).toBe(1);
    expect(await ours()).toHaveLength(1);
    // Fixed cases pass: the alert resolves itself.
    await db.goldenTestSuite.update({ where: { versionId: v.id }, data: { cases: passing } });
    await runGoldenTests(v.id, "manual");
    await evaluateAlerts();
    expect((await db.modelAlert.findFirstOrThrow({ where: { versionId: v.id } })).resolvedAt).not.toBeNull();
  });

  it("over HTTP: the team sets them with a publish key, others may not, a submitted version is immutable, bad cases are 400", async () => {
    const { team, v, ref, model } = await irisVersion();
    const own = await createAppWithKey({ teamId: team.id, scopes: ["publish", "read"], creatorRole: "publisher" });
    const other = await createAppWithKey({ scopes: ["publish", "read"], creatorRole: "publisher" });
    const path = `/api/v1/models/${ref.owner}/${ref.name}/versions/${ref.version}/golden-tests`;
    const params = { params: Promise.resolve({ owner: ref.owner, name: ref.name, version: ref.version }) };
    const put = (secret: string, body: unknown) =>
      PUT(
        new NextRequest(`http://localhost${path}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        params,
      );
    const res = await put(own.secret, { cases: passing });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { lastRun: { passed: boolean } }).lastRun.passed).toBe(true);
    expect((await put(other.secret, { cases: passing })).status).toBe(403);
    const bad = await put(own.secret, { cases: [{ name: "", input: {}, expected: {}, tolerance: -1 }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    const read = await GET(new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${other.secret}` } }), params);
    expect(read.status).toBe(403);
    await db.modelVersion.update({ where: { id: v.id }, data: { status: "pending_review" } });
    const locked = await put(own.secret, { cases: [] });
    expect(locked.status).toBe(409);
    expect(await db.goldenTestSuite.count({ where: { versionId: v.id } })).toBe(1);
    expect(model.id).toBe(v.modelId);
  });
});
