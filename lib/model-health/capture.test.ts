import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/gateway/test-fixtures";
import { flushCaptures } from "@/lib/model-health/capture-buffer";
import { updateCaptureSettings } from "@/lib/model-health/capture-settings";
import { exportCaptures, listCaptures } from "@/lib/model-health/list-captures";
import { purgeCaptures } from "@/lib/model-health/purge-captures";
import { REDACTED } from "@/lib/model-health/redact";
import { invokeIris as invokeWith, irisVersion, principalFor } from "@/lib/model-health/test-helpers";
import { db } from "@/lib/server/db";

const { POST } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const invokeIris = (target: Parameters<typeof invokeWith>[1], rows: number[][]) => invokeWith(POST, target, rows);
const actor = { id: null, label: "test" };

describe("payload capture", () => {
  it("captures every successful call at rate 1, off the request path, with redacted fields replaced", async () => {
    const v = await irisVersion({ captureRate: 1, captureRedactFields: ["probabilities"] });
    const ok = await invokeIris(v, [[5.1, 3.5, 1.4, 0.2]]);
    expect(ok.status).toBe(200);
    const bad = await invokeIris(v, [[1, 2]]); // refused by the input schema: never captured
    expect(bad.status).toBe(422);
    await flushCaptures();
    const rows = await db.payloadCapture.findMany({ where: { versionId: v.version.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].requestId).toBe(ok.body.requestId);
    expect(rows[0].input).toEqual({ features: [[5.1, 3.5, 1.4, 0.2]] });
    expect(rows[0].output).toMatchObject({ label: [0], probabilities: REDACTED });
  });

  it("captures nothing at rate 0, and the owner's PATCH changes the rate (audited)", async () => {
    const v = await irisVersion({ captureRate: 0 });
    await invokeIris(v, [[5.1, 3.5, 1.4, 0.2]]);
    await flushCaptures();
    expect(await db.payloadCapture.count({ where: { versionId: v.version.id } })).toBe(0);
    const owner = principalFor(v.publisher, [v.team.id]);
    const settings = await updateCaptureSettings({
      principal: owner,
      actor: { id: v.publisher.id, label: "p" },
      ref: v.ref,
      body: { captureRate: 1 },
    });
    expect(settings.captureRate).toBe(1);
    await invokeIris(v, [[5.1, 3.5, 1.4, 0.2]]);
    await flushCaptures();
    expect(await db.payloadCapture.count({ where: { versionId: v.version.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { targetId: v.version.id, action: "version.capture_settings" } })).toBe(1);
  });

  it("lets owners and reviewers browse and download, and nobody else", async () => {
    const v = await irisVersion({ captureRate: 1 });
    await invokeIris(v, [[5.1, 3.5, 1.4, 0.2]]);
    await invokeIris(v, [[6.1, 2.5, 4.4, 1.2]]);
    await flushCaptures();
    const owner = principalFor(v.publisher, [v.team.id]);
    const page = await listCaptures(owner, v.ref, { page: 1, pageSize: 1 });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const reviewer = await createUser("reviewer");
    const lines: string[] = [];
    for await (const chunk of exportCaptures(principalFor(reviewer, []), v.ref)) lines.push(...chunk.trim().split("\n"));
    expect(lines.map((l) => (JSON.parse(l) as { input: unknown }).input)).toEqual([
      { features: [[5.1, 3.5, 1.4, 0.2]] },
      { features: [[6.1, 2.5, 4.4, 1.2]] },
    ]);
    const outsider = await createUser("publisher");
    await expect(listCaptures(principalFor(outsider, []), v.ref, { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 403 });
    await expect(
      updateCaptureSettings({ principal: principalFor(reviewer, []), actor, ref: v.ref, body: { captureRate: 0.5 } }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("retention deletes captures and shadow comparisons older than the window and keeps the rest; bins live longer", async () => {
    const v = await irisVersion();
    const now = new Date();
    const old = new Date(now.getTime() - 31 * 86_400_000);
    const recent = new Date(now.getTime() - 29 * 86_400_000);
    await db.payloadCapture.createMany({
      data: [
        { versionId: v.version.id, requestId: "old", at: old, input: {}, output: {} },
        { versionId: v.version.id, requestId: "recent", at: recent, input: {}, output: {} },
      ],
    });
    await db.healthBin.createMany({
      data: [100, 10].map((daysAgo) => ({
        versionId: v.version.id,
        hour: new Date(Math.floor((now.getTime() - daysAgo * 86_400_000) / 3_600_000) * 3_600_000),
        feature: "input:x",
        bucket: "n",
        count: 1,
      })),
    });
    await db.shadowComparison.createMany({
      data: [old, recent].map((at, i) => ({
        at,
        modelId: v.model.id,
        servingVersionId: v.version.id,
        candidateVersionId: v.version.id,
        requestId: `shadow-${i}`,
        servingMs: 1,
        candidateMs: 1,
      })),
    });
    await purgeCaptures({ retentionDays: 30, now });
    // Shadow comparisons follow the same retention.
    expect(await db.shadowComparison.findMany({ where: { modelId: v.model.id }, select: { requestId: true } })).toEqual([
      { requestId: "shadow-1" },
    ]);
    const left = await db.payloadCapture.findMany({ where: { versionId: v.version.id }, select: { requestId: true } });
    expect(left).toEqual([{ requestId: "recent" }]);
    // Folded counts outlive the payloads, up to the longest window the health API answers.
    expect(await db.healthBin.count({ where: { versionId: v.version.id } })).toBe(1);
  });
});
