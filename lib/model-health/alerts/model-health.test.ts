// Model health through its routes (issue 16): a version that collects ground truth keeps its answers' labels
// off the request path; feedback from the calling app's key joins them by request id (a second feedback
// replaces the first; another app's key cannot; more than 1,000 items is 422 with nothing written); wrong
// labels drive live accuracy below the reference and the alerts job opens an alert — an in-app notification
// to the owning team and a model.alert webhook whose signature verifies — that resolves itself once the
// feedback is corrected. The error-rate rule opens and resolves on a real HTTP upstream that fails, then recovers;
// a regressor is scored by absolute error (MAE, RMSE); old scored calls are deleted after the retention.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { createTestDatabase } from "@/test/databases";

// A fresh database: this file adds 127.0.0.1 to the (global) egress allow-list for its receiver and upstream.
process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));
const { db } = await import("@/lib/server/db");
const { makeUser, makeTeam, params, apiRequest } = await import("@/lib/publishing/test-fixtures");
const { createModel, createVersion, createAppWithKey } = await import("@/lib/gateway/test-fixtures");
const { evaluateAlerts } = await import("@/lib/model-health/alerts/evaluate-alerts");
const { processDueDeliveries } = await import("@/lib/governance/webhooks/process-deliveries");
const { verifySignature } = await import("@/lib/governance/webhooks/sign");
const { createWebhook } = await import("@/lib/governance/webhooks/manage-webhooks");
const feedbackRoute = await import("@/app/api/v1/feedback/route");
const qualityRoute = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/quality/route");
const settingsRoute = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/health-settings/route");
const alertsRoute = await import("@/app/api/v1/models/[owner]/[name]/alerts/route");
const invokeRoute = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
  outputSchema: object;
};

type Person = Awaited<ReturnType<typeof makeUser>>;
const as = (p: Person | null) => {
  sessionUser = p ? { id: p.id, email: p.email, name: "Test user", role: p.role, teamIds: p.teamIds } : null;
};
const read = async (res: Response) => ({ status: res.status, body: await res.json() });
const sessionReq = (url: string, method: string, body?: unknown) =>
  new NextRequest(`http://localhost${url}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const feedbackWithKey = async (secret: string, body: unknown) =>
  read(await feedbackRoute.POST(apiRequest("/api/v1/feedback", secret, { json: body }), params({})));
const invoke = async (ref: { owner: string; name: string; version: string }, secret: string, body: unknown) =>
  read(
    await invokeRoute.POST(
      apiRequest(`/api/v1/models/${ref.owner}/${ref.name}/versions/${ref.version}/invoke`, secret, { json: body }),
      params(ref),
    ),
  );

// A real webhook receiver.
const received: { body: string; signature: string | null; timestamp: string | null; event: string | null }[] = [];
const receiver = http.createServer((r, res) => {
  const chunks: Buffer[] = [];
  r.on("data", (c: Buffer) => chunks.push(c));
  r.on("end", () => {
    const h = (n: string) => (typeof r.headers[n] === "string" ? (r.headers[n] as string) : null);
    received.push({
      body: Buffer.concat(chunks).toString("utf8"),
      signature: h("x-modelport-signature"),
      timestamp: h("x-modelport-timestamp"),
      event: h("x-modelport-event"),
    });
    res.writeHead(204).end();
  });
});
// A real HTTP model server that answers 500 while `failing`.
let failing = false;
const upstream = http.createServer((r, res) => {
  r.resume();
  r.on("end", () => {
    if (failing) res.writeHead(500, { "content-type": "application/json" }).end('{"error":"boom"}');
    else res.writeHead(200, { "content-type": "application/json" }).end('{"score":0.5}');
  });
});

let owner: Person;
let admin: Person;
let hookSecret: string;
let ref: { owner: string; name: string; version: string };
let versionId: string;
let modelId: string;
let ownerTeamId: string;
let caller: Awaited<ReturnType<typeof createAppWithKey>>;
let otherApp: Awaited<ReturnType<typeof createAppWithKey>>;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  await db.egressRule.create({ data: { pattern: "127.0.0.1/32", note: "test receiver and upstream" } });
  (await import("@/lib/server/net/egress-rules")).invalidateEgressAllowList();
  admin = await makeUser("admin", []);
  const hook = await createWebhook({
    user: admin,
    actor: { id: admin.id, label: admin.email },
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    events: ["model.alert", "model.alert.resolved"],
  });
  hookSecret = hook.secret;
  const team = await makeTeam();
  ownerTeamId = team.id;
  owner = await makeUser("publisher", [team.id]);
  const m = await createModel({ teamId: team.id });
  modelId = m.model.id;
  const v = await createVersion(m.model.id, {
    version: "1.0.0",
    status: "approved",
    inputSchema: iris.inputSchema,
    outputSchema: iris.outputSchema,
  });
  versionId = v.id;
  ref = { owner: m.owner, name: m.name, version: "1.0.0" };
  caller = await createAppWithKey(); // an app of another team that calls the model
  otherApp = await createAppWithKey();
});

afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await new Promise((r) => upstream.close(r));
});

describe("ground truth, live quality and the accuracy alert", () => {
  const requestIds: string[] = [];
  let predicted = "";

  it("only the owning team sets a version to collect ground truth, audited", async () => {
    const url = `/api/v1/models/${ref.owner}/${ref.name}/versions/1.0.0/health-settings`;
    const stranger = await makeUser("publisher", [(await makeTeam()).id]);
    as(stranger);
    expect((await read(await settingsRoute.PUT(sessionReq(url, "PUT", { qualityKind: "classification" }), params(ref)))).status).toBe(404);
    as(owner);
    const bad = await read(await settingsRoute.PUT(sessionReq(url, "PUT", { thresholds: { nonsense: 1 } }), params(ref)));
    expect([bad.status, bad.body.error.code]).toEqual([400, "bad_request"]);
    const ok = await read(
      await settingsRoute.PUT(sessionReq(url, "PUT", { qualityKind: "classification", referenceAccuracy: 0.9 }), params(ref)),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ qualityKind: "classification", effectiveReferenceAccuracy: 0.9 });
    expect(ok.body.rules.find((r: { rule: string }) => r.rule === "accuracy")).toMatchObject({ value: 0.05, default: 0.05 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "version.health_settings", targetId: versionId } });
    expect(audit.actorId).toBe(owner.id);
  });

  it("keeps each call's predicted label, and feedback with wrong labels drives accuracy to 0", async () => {
    for (let i = 0; i < 12; i++) {
      const res = await invoke(ref, caller.secret, iris.exampleInput);
      expect(res.status).toBe(200);
      requestIds.push(res.body.requestId);
    }
    // Written off the request path, within moments.
    await expect.poll(() => db.groundTruth.count({ where: { versionId } })).toBe(12);
    predicted = (await db.groundTruth.findFirstOrThrow({ where: { versionId } })).predictedLabel!;
    expect(["setosa", "versicolor", "virginica"]).toContain(predicted);
    const wrong = ["setosa", "versicolor", "virginica"].find((l) => l !== predicted)!;

    const res = await feedbackWithKey(caller.secret, {
      items: [...requestIds.map((requestId) => ({ requestId, actual: wrong })), { requestId: "req_unknown", actual: wrong }],
    });
    expect(res.status).toBe(200);
    expect(res.body.matched).toBe(12);
    expect(res.body.items[0]).toEqual({ requestId: requestIds[0], matched: true, correct: false });
    expect(res.body.items[12]).toEqual({ requestId: "req_unknown", matched: false, reason: "not_found" });
    // Recorded with the key's creator as the person.
    const row = await db.groundTruth.findUniqueOrThrow({ where: { requestId: requestIds[0] } });
    expect([row.actualLabel, row.feedbackById, row.feedbackKeyId]).toEqual([wrong, caller.creator.id, caller.key.id]);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "feedback.give", targetId: versionId } })).actorId).toBe(
      caller.creator.id,
    );

    as(owner);
    const q = await read(
      await qualityRoute.GET(sessionReq(`/api/v1/models/${ref.owner}/${ref.name}/versions/1.0.0/quality`, "GET"), params(ref)),
    );
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ kind: "classification", scoredCalls: 12, feedback: 12, accuracy: 0, referenceAccuracy: 0.9 });
    expect(q.body.classes.find((c: { label: string }) => c.label === wrong)).toMatchObject({ support: 12, recall: 0 });
    expect(q.body.series.at(-1)).toMatchObject({ feedback: 12, accuracy: 0 });
  });

  it("another app's key cannot give feedback; more than 1,000 items is 422 with nothing written", async () => {
    const single = await feedbackWithKey(otherApp.secret, { requestId: requestIds[0], actual: predicted });
    expect([single.status, single.body.error.code]).toEqual([404, "not_found"]);
    const batch = await feedbackWithKey(otherApp.secret, { items: [{ requestId: requestIds[0], actual: predicted }] });
    expect([batch.status, batch.body.matched, batch.body.items[0].reason]).toEqual([200, 0, "not_found"]);
    const big = await feedbackWithKey(caller.secret, {
      items: Array.from({ length: 1001 }, () => ({ requestId: requestIds[0], actual: predicted })),
    });
    expect([big.status, big.body.error.code, typeof big.body.error.requestId]).toEqual([422, "unprocessable", "string"]);
    expect((await db.groundTruth.findUniqueOrThrow({ where: { requestId: requestIds[0] } })).actualLabel).not.toBe(predicted);
  });

  it("opens a failing accuracy alert: the owning team is notified and a signed model.alert webhook is sent", async () => {
    expect((await evaluateAlerts()).opened).toBeGreaterThanOrEqual(1);
    const alert = await db.modelAlert.findFirstOrThrow({ where: { versionId, rule: "accuracy", resolvedAt: null } });
    expect([alert.figure, alert.threshold, alert.severity]).toEqual([0, 0.9 - 0.05, "failing"]);
    expect((await db.model.findUniqueOrThrow({ where: { id: modelId } })).healthStatus).toBe("failing");
    const notes = await db.notification.findMany({ where: { kind: "model.alert", versionId } });
    expect(notes.map((n) => n.recipientId)).toEqual([owner.id]);
    // Evaluated again: still one open alert.
    await evaluateAlerts();
    expect(await db.modelAlert.count({ where: { versionId, rule: "accuracy" } })).toBe(1);

    await processDueDeliveries();
    const sent = received.filter((r) => r.event === "model.alert" && r.body.includes(alert.id));
    expect(sent.length).toBe(1);
    expect(verifySignature({ secret: hookSecret, ...sent[0] })).toBe(true);
    expect(verifySignature({ secret: "whsec_wrong", ...sent[0] })).toBe(false);
    expect(JSON.parse(sent[0].body)).toMatchObject({
      event: "model.alert",
      data: { alertId: alert.id, rule: "accuracy", status: "open", model: `${ref.owner}/${ref.name}` },
    });

    as(owner);
    const list = await read(
      await alertsRoute.GET(sessionReq(`/api/v1/models/${ref.owner}/${ref.name}/alerts?state=open`, "GET"), params(ref)),
    );
    expect(list.body.healthStatus).toBe("failing");
    expect(list.body.items.map((a: { rule: string; status: string }) => [a.rule, a.status])).toEqual([["accuracy", "open"]]);
    as(await makeUser("consumer", []));
    expect((await alertsRoute.GET(sessionReq(`/api/v1/models/${ref.owner}/${ref.name}/alerts`, "GET"), params(ref))).status).toBe(404);
  });

  it("corrected feedback replaces the wrong one and resolves the alert (model.alert.resolved)", async () => {
    const res = await feedbackWithKey(caller.secret, { items: requestIds.map((requestId) => ({ requestId, actual: predicted })) });
    expect([res.status, res.body.matched, res.body.items[0].correct]).toEqual([200, 12, true]);
    expect(await db.groundTruth.count({ where: { versionId, actualLabel: predicted } })).toBe(12);
    // The owning team may give feedback too (a session).
    as(owner);
    const mine = await read(
      await feedbackRoute.POST(sessionReq("/api/v1/feedback", "POST", { requestId: requestIds[0], actual: predicted }), params({})),
    );
    expect([mine.status, mine.body.matched]).toEqual([200, 1]);

    expect((await evaluateAlerts()).resolved).toBeGreaterThanOrEqual(1);
    const alert = await db.modelAlert.findFirstOrThrow({ where: { versionId, rule: "accuracy" } });
    expect([alert.resolvedAt !== null, alert.resolvedFigure]).toEqual([true, 1]);
    expect((await db.model.findUniqueOrThrow({ where: { id: modelId } })).healthStatus).toBe("healthy");
    await processDueDeliveries();
    const sent = received.filter((r) => r.event === "model.alert.resolved" && r.body.includes(alert.id));
    expect(sent.length).toBe(1);
    expect(verifySignature({ secret: hookSecret, ...sent[0] })).toBe(true);
  });
});

describe("the error-rate rule", () => {
  it("opens when a real upstream fails more than 5 % of calls and resolves when it recovers", async () => {
    const m = await createModel({ teamId: ownerTeamId });
    const v = await createVersion(m.model.id, {
      version: "1.0.0",
      status: "approved",
      runtime: "http",
      artifactPath: null,
      httpProtocol: "generic",
      endpointUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/predict`,
      inputSchema: { type: "object" },
    });
    const r = { owner: m.owner, name: m.name, version: "1.0.0" };
    failing = true;
    for (let i = 0; i < 10; i++) expect((await invoke(r, caller.secret, { x: i })).status).toBe(502);
    await evaluateAlerts();
    const alert = await db.modelAlert.findFirstOrThrow({ where: { versionId: v.id, rule: "error_rate" } });
    expect([alert.figure, alert.threshold, alert.resolvedAt]).toEqual([1, 0.05, null]);
    expect((await db.model.findUniqueOrThrow({ where: { id: m.model.id } })).healthStatus).toBe("failing");

    // Recovered: 200 good calls bring the last 15 minutes' share below 5 %.
    failing = false;
    for (let i = 0; i < 200; i++) expect((await invoke(r, caller.secret, { x: i })).status).toBe(200);
    await evaluateAlerts();
    const after = await db.modelAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(after.resolvedAt).not.toBeNull();
    expect(after.resolvedFigure).toBeCloseTo(10 / 210);
  });
});

describe("ground-truth retention", () => {
  it("deletes scored calls older than MODELPORT_GROUND_TRUTH_RETENTION_DAYS and keeps the rest", async () => {
    const { purgeGroundTruth } = await import("@/lib/model-health/feedback/purge-ground-truth");
    const old = new Date(Date.now() - 91 * 86_400_000);
    await db.groundTruth.create({ data: { requestId: "req_old", versionId, at: old, predictedLabel: "setosa" } });
    await db.groundTruth.create({
      data: { requestId: "req_recent", versionId, at: new Date(Date.now() - 89 * 86_400_000), predictedLabel: "setosa" },
    });
    expect(await purgeGroundTruth()).toBe(1);
    expect(await db.groundTruth.findUnique({ where: { requestId: "req_old" } })).toBeNull();
    expect(await db.groundTruth.findUnique({ where: { requestId: "req_recent" } })).not.toBeNull();
    process.env.MODELPORT_GROUND_TRUTH_RETENTION_DAYS = "nonsense";
    try {
      await expect(purgeGroundTruth()).rejects.toThrow(/RETENTION_DAYS/);
    } finally {
      delete process.env.MODELPORT_GROUND_TRUTH_RETENTION_DAYS;
    }
  });
});

describe("regressors", () => {
  it("score feedback by absolute error: MAE and RMSE over the window", async () => {
    const m = await createModel({ teamId: ownerTeamId });
    await createVersion(m.model.id, {
      version: "1.0.0",
      status: "approved",
      runtime: "http",
      artifactPath: null,
      httpProtocol: "generic",
      endpointUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/predict`,
      inputSchema: { type: "object" },
      qualityKind: "regression",
    });
    const r = { owner: m.owner, name: m.name, version: "1.0.0" };
    failing = false;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await invoke(r, caller.secret, { x: i })).body.requestId); // the upstream answers {"score": 0.5}
    await expect.poll(() => db.groundTruth.count({ where: { requestId: { in: ids } } })).toBe(3);
    const res = await feedbackWithKey(caller.secret, {
      items: [
        { requestId: ids[0], actual: 1.5 },
        { requestId: ids[1], actual: "0.5" },
        { requestId: ids[2], actual: 2.5 },
      ],
    });
    expect(res.body.items.map((i: { absoluteError: number }) => i.absoluteError)).toEqual([1, 0, 2]);
    const wrongKind = await feedbackWithKey(caller.secret, { requestId: ids[0], actual: "high" });
    expect([wrongKind.status, wrongKind.body.error.code]).toEqual([422, "unprocessable"]);
    as(owner);
    const q = await read(
      await qualityRoute.GET(sessionReq(`/api/v1/models/${r.owner}/${r.name}/versions/1.0.0/quality`, "GET"), params(r)),
    );
    expect(q.body).toMatchObject({ kind: "regression", feedback: 3, accuracy: null });
    expect(q.body.mae).toBeCloseTo(1);
    expect(q.body.rmse).toBeCloseTo(Math.sqrt(5 / 3));
  });
});
