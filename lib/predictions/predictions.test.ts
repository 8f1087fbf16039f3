// Async predictions (issue 15 §4) against a real PostgreSQL, through the real invoke and prediction route
// handlers: admitted synchronously (bad input stays a 422), stored before the 202, run through the same
// governed call and recorded once, scoped to the caller, canceled, delivered to a webhook with the lifecycle
// webhooks' signing and SSRF guard, resumed or failed after a restart, purged after the retention period.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";

// A database of its own: the egress allow-list is global, and this file allows 127.0.0.1 for its receiver.
process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
const { db } = await import("@/lib/server/db");
const { createAppWithKey, createModel, createVersion, createUser } = await import("@/lib/gateway/test-fixtures");
const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const { POST: invokeExact } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const { GET: listRoute } = await import("@/app/api/v1/predictions/route");
const { GET: getRoute } = await import("@/app/api/v1/predictions/[id]/route");
const { POST: cancelRoute } = await import("@/app/api/v1/predictions/[id]/cancel/route");
const { runDuePredictions, settlePredictionRuns, INTERRUPTED } = await import("@/lib/predictions/run-predictions");
const { purgePredictionData } = await import("@/lib/predictions/purge-predictions");
const { processDueDeliveries } = await import("@/lib/governance/webhooks/process-deliveries");
const { verifySignature } = await import("@/lib/governance/webhooks/sign");
const { invalidateEgressAllowList } = await import("@/lib/server/net/egress-rules");

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };

type Json = Record<string, unknown> & { error?: { code: string; message: string; requestId: string } };
const asJson = async (res: Response) => (await res.json()) as Json;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

let owner = "";
let name = "";
let modelId = "";
let versionId = "";
let mine: Awaited<ReturnType<typeof createAppWithKey>>;
let theirs: Awaited<ReturnType<typeof createAppWithKey>>;

beforeAll(async () => {
  const m = await createModel();
  ({ owner, name } = m);
  modelId = m.model.id;
  versionId = (await createVersion(modelId, { version: "1.0.0", status: "approved" })).id;
  mine = await createAppWithKey();
  theirs = await createAppWithKey();
});

async function invoke(options: { secret: string; body?: unknown; async?: boolean; query?: string; exact?: boolean }) {
  const path = options.exact
    ? `/api/v1/models/${owner}/${name}/versions/1.0.0/invoke${options.query ?? ""}`
    : `/api/v1/models/${owner}/${name}/invoke${options.query ?? ""}`;
  const req = new NextRequest(`http://localhost${path}`, {
    method: "POST",
    headers: {
      ...bearer(options.secret),
      "content-type": "application/json",
      ...(options.async === false ? {} : { prefer: "respond-async" }),
    },
    body: JSON.stringify(options.body ?? iris.exampleInput),
  });
  return options.exact
    ? invokeExact(req, { params: Promise.resolve({ owner, name, version: "1.0.0" }) })
    : invokeLatest(req, { params: Promise.resolve({ owner, name }) });
}

const get = (secret: string, id: string) =>
  getRoute(new NextRequest(`http://localhost/api/v1/predictions/${id}`, { headers: bearer(secret) }), { params: Promise.resolve({ id }) });
const cancel = (secret: string, id: string) =>
  cancelRoute(new NextRequest(`http://localhost/api/v1/predictions/${id}/cancel`, { method: "POST", headers: bearer(secret) }), {
    params: Promise.resolve({ id }),
  });
const list = (secret: string, query = "") =>
  listRoute(new NextRequest(`http://localhost/api/v1/predictions${query}`, { headers: bearer(secret) }), { params: Promise.resolve({}) });

/** A prediction as a process that accepted it and then died before starting it would leave it. */
async function storedPrediction(data: { status?: "starting" | "processing" | "succeeded"; attempts?: number; leaseUntil?: Date } = {}) {
  return db.prediction.create({
    data: {
      modelId,
      versionId,
      apiKeyId: mine.key.id,
      appId: mine.app.id,
      userId: mine.creator.id,
      channel: "api",
      requestId: `req_${crypto.randomUUID()}`,
      input: iris.exampleInput as object,
      status: data.status ?? "starting",
      attempts: data.attempts ?? 0,
      leaseUntil: data.leaseUntil,
      startedAt: data.status === "processing" ? new Date(Date.now() - 120_000) : undefined,
    },
  });
}

describe("async invoke", () => {
  it("answers 202 with Location only once the prediction row is committed, then runs it through the governed call, recorded once as api", async () => {
    const res = await invoke({ secret: mine.secret });
    expect(res.status).toBe(202);
    const body = await asJson(res);
    expect(res.headers.get("location")).toBe(`/api/v1/predictions/${String(body.id)}`);
    expect(res.headers.get("preference-applied")).toBe("respond-async");
    expect(body).toMatchObject({ status: "starting", model: `${owner}/${name}`, version: "1.0.0", input: iris.exampleInput, output: null });
    // The row is there when the 202 arrives (read on another connection than the one that wrote it).
    const row = await db.prediction.findUnique({ where: { id: String(body.id) } });
    expect(row).not.toBeNull();
    expect(row!.appId).toBe(mine.app.id);

    await settlePredictionRuns();
    const done = await asJson(await get(mine.secret, String(body.id)));
    expect(done.status).toBe("succeeded");
    expect(done.output).toMatchObject({ label: expect.any(Array) as unknown });
    expect(done.startedAt).not.toBeNull();
    expect(done.completedAt).not.toBeNull();
    expect((done.metrics as { predictTimeMs: number }).predictTimeMs).toBeGreaterThan(0);
    const calls = await db.invocation.findMany({ where: { requestId: row!.requestId } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channel: "api", statusCode: 200, appId: mine.app.id, versionId });
  });

  it("the exact-version route takes Prefer: respond-async too", async () => {
    const res = await invoke({ secret: mine.secret, exact: true });
    expect(res.status).toBe(202);
    await settlePredictionRuns();
    expect((await asJson(await get(mine.secret, String((await asJson(res)).id)))).status).toBe("succeeded");
  });

  it("a bad input is still a synchronous 422 in the public error shape, and no prediction is stored", async () => {
    const before = await db.prediction.count();
    const res = await invoke({ secret: mine.secret, body: { input: { features: [[1, 2]] } } });
    expect(res.status).toBe(422);
    const body = await asJson(res);
    expect(body.error).toMatchObject({ code: "schema_validation_failed", requestId: expect.stringMatching(/^req_/) as unknown });
    expect(await db.prediction.count()).toBe(before);
    const recorded = await db.invocation.findFirst({ where: { requestId: body.error!.requestId } });
    expect(recorded?.statusCode).toBe(422);
  });

  it("a bad webhook option is refused before anything is stored", async () => {
    const res = await invoke({ secret: mine.secret, query: "?webhook=ftp://example.com/x" });
    expect(res.status).toBe(400);
    expect((await asJson(res)).error?.code).toBe("validation_failed");
    const filter = await invoke({ secret: mine.secret, query: "?webhook=https://example.com/x&webhook_events_filter=start,nope" });
    expect(filter.status).toBe(400);
    // A synchronous call ignores them, as the gateway door does.
    expect((await invoke({ secret: mine.secret, async: false, query: "?webhook=ftp://example.com/x" })).status).toBe(200);
  });

  it("without Prefer the call stays synchronous", async () => {
    const res = await invoke({ secret: mine.secret, async: false });
    expect(res.status).toBe(200);
    expect((await asJson(res)).output).toBeDefined();
  });
});

describe("the prediction job", () => {
  it("runs a starting prediction no process started (FOR UPDATE SKIP LOCKED claim)", async () => {
    const p = await storedPrediction();
    expect(await runDuePredictions()).toBeGreaterThanOrEqual(1);
    const row = await db.prediction.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.status).toBe("succeeded");
    expect(row.attempts).toBe(1);
    expect(await db.invocation.count({ where: { requestId: p.requestId, channel: "api" } })).toBe(1);
  });

  it("after a restart, resumes a run whose lease expired once, and fails it with the reason the second time", async () => {
    const once = await storedPrediction({ status: "processing", attempts: 1, leaseUntil: new Date(Date.now() - 1000) });
    const twice = await storedPrediction({ status: "processing", attempts: 2, leaseUntil: new Date(Date.now() - 1000) });
    const alive = await storedPrediction({ status: "processing", attempts: 1, leaseUntil: new Date(Date.now() + 60_000) });
    await runDuePredictions();
    const [a, b, c] = await Promise.all([once, twice, alive].map((p) => db.prediction.findUniqueOrThrow({ where: { id: p.id } })));
    expect(a).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(b).toMatchObject({ status: "failed", error: INTERRUPTED });
    expect(b.completedAt).not.toBeNull();
    expect(c.status).toBe("processing"); // its run is alive elsewhere: left alone
  });

  it("a run refused at run time (key revoked since) fails with the reason instead of running", async () => {
    const other = await createAppWithKey();
    const p = await db.prediction.create({
      data: {
        modelId,
        versionId,
        apiKeyId: other.key.id,
        appId: other.app.id,
        channel: "api",
        requestId: "req_revoked",
        input: iris.exampleInput as object,
      },
    });
    await db.apiKey.update({ where: { id: other.key.id }, data: { revokedAt: new Date() } });
    await runDuePredictions();
    expect(await db.prediction.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      status: "failed",
      errorCode: "invalid_api_key",
    });
  });
});

describe("reading and canceling", () => {
  it("a prediction is its app's: another app's key gets 404 on get and cancel, and does not list it", async () => {
    const p = await storedPrediction({ status: "succeeded" });
    expect((await get(mine.secret, p.id)).status).toBe(200);
    const res = await get(theirs.secret, p.id);
    expect(res.status).toBe(404);
    expect((await asJson(res)).error?.code).toBe("not_found");
    expect((await cancel(theirs.secret, p.id)).status).toBe(404);
    const listed = (await asJson(await list(theirs.secret))).predictions as { id: string }[];
    expect(listed.map((x) => x.id)).not.toContain(p.id);
  });

  it("lists the caller's own newest first, a page at a time, filtered by status", async () => {
    const app = await createAppWithKey();
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(
        await db.prediction.create({
          data: {
            modelId,
            versionId,
            apiKeyId: app.key.id,
            appId: app.app.id,
            channel: "api",
            requestId: `req_list_${i}`,
            status: i === 1 ? "failed" : "succeeded",
            createdAt: new Date(Date.now() - (3 - i) * 1000),
          },
        }),
      );
    }
    const first = await asJson(await list(app.secret, "?limit=2"));
    expect((first.predictions as { id: string }[]).map((p) => p.id)).toEqual([made[2].id, made[1].id]);
    const second = await asJson(await list(app.secret, `?limit=2&cursor=${String(first.nextCursor)}`));
    expect((second.predictions as { id: string }[]).map((p) => p.id)).toEqual([made[0].id]);
    expect(second.nextCursor).toBeNull();
    const failed = await asJson(await list(app.secret, "?status=failed"));
    expect((failed.predictions as { id: string }[]).map((p) => p.id)).toEqual([made[1].id]);
  });

  it("a signed-in person sees the predictions of their team's apps; someone else's is 404", async () => {
    const { getPrediction } = await import("@/lib/predictions/get-prediction");
    const p = await storedPrediction({ status: "succeeded" });
    const member = await db.user.findUniqueOrThrow({ where: { id: mine.creator.id }, include: { memberships: true } });
    const user = (u: typeof member) => ({ kind: "user" as const, user: { ...u, teamIds: u.memberships.map((m) => m.teamId) } });
    expect((await getPrediction(user(member), p.id)).id).toBe(p.id);
    const stranger = await createUser();
    await expect(getPrediction(user({ ...stranger, memberships: [] }), p.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("cancels a starting prediction (the job then leaves it) and answers 409 for a finished one", async () => {
    const p = await storedPrediction();
    const res = await cancel(mine.secret, p.id);
    expect(res.status).toBe(200);
    expect((await asJson(res)).status).toBe("canceled");
    await runDuePredictions();
    expect((await db.prediction.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("canceled");
    const again = await cancel(mine.secret, p.id);
    expect(again.status).toBe(409);
    const body = await asJson(again);
    expect(body.error).toMatchObject({ code: "invalid_transition", requestId: expect.stringMatching(/^req_/) as unknown });
    const finished = await storedPrediction({ status: "succeeded" });
    expect((await cancel(mine.secret, finished.id)).status).toBe(409);
  });
});

describe("webhooks", () => {
  let receiver: http.Server;
  let url = "";
  const received: { body: string; signature: string | null; timestamp: string | null; event: string | null }[] = [];
  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const h = (n: string) => (typeof req.headers[n] === "string" ? (req.headers[n] as string) : null);
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: h("x-modelport-signature"),
          timestamp: h("x-modelport-timestamp"),
          event: h("x-modelport-event"),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((r) => receiver.close(r)));

  it("refuses a loopback webhook until an admin allows it, then delivers the completed prediction signed with its secret", async () => {
    const res = await invoke({ secret: mine.secret, query: `?webhook=${encodeURIComponent(url)}&webhook_events_filter=completed` });
    expect(res.status).toBe(202);
    const accepted = await asJson(res);
    const secret = String(accepted.webhookSecret);
    expect(secret).toMatch(/^whsec_/);
    expect(accepted.webhookEventsFilter).toEqual(["completed"]);
    expect((await asJson(await get(mine.secret, String(accepted.id)))).webhookSecret).toBeUndefined();
    await settlePredictionRuns();

    expect(await processDueDeliveries()).toBe(1);
    expect(received).toHaveLength(0);
    const refused = await db.webhookDelivery.findFirstOrThrow({ where: { predictionId: String(accepted.id) } });
    expect(refused).toMatchObject({ status: "pending", attempts: 1, event: "prediction.completed" });
    expect(refused.lastError).toMatch(/may not reach/);

    await db.egressRule.create({ data: { pattern: "127.0.0.1/32", note: "prediction webhook test receiver" } });
    invalidateEgressAllowList();
    expect(await processDueDeliveries({ now: new Date(Date.now() + 31_000) })).toBe(1);
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got.event).toBe("prediction.completed");
    expect(verifySignature({ secret, body: got.body, signature: got.signature, timestamp: got.timestamp })).toBe(true);
    expect(verifySignature({ secret: "whsec_wrong", body: got.body, signature: got.signature, timestamp: got.timestamp })).toBe(false);
    const payload = JSON.parse(got.body) as { event: string; data: { id: string; status: string; output: unknown } };
    expect(payload.event).toBe("prediction.completed");
    expect(payload.data).toMatchObject({ id: accepted.id, status: "succeeded" });
    expect(payload.data.output).not.toBeNull();
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { predictionId: String(accepted.id) } })).status).toBe("delivered");
  });

  it("sends start, output and completed by default (header X-Webhook-Url)", async () => {
    received.length = 0;
    const req = new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
      method: "POST",
      headers: { ...bearer(mine.secret), "content-type": "application/json", prefer: "respond-async", "x-webhook-url": url },
      body: JSON.stringify(iris.exampleInput),
    });
    const res = await invokeLatest(req, { params: Promise.resolve({ owner, name }) });
    expect(res.status).toBe(202);
    await settlePredictionRuns();
    await processDueDeliveries();
    expect(received.map((r) => r.event).sort()).toEqual(["prediction.completed", "prediction.output", "prediction.start"]);
  });
});

describe("retention", () => {
  it("deletes the input and output of predictions finished longer ago than the retention period; metadata stays", async () => {
    const old = await storedPrediction({ status: "succeeded" });
    await db.prediction.update({
      where: { id: old.id },
      data: { output: { label: [0] }, completedAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    const recent = await storedPrediction({ status: "succeeded" });
    await db.prediction.update({ where: { id: recent.id }, data: { output: { label: [1] }, completedAt: new Date() } });
    expect(await purgePredictionData()).toBeGreaterThanOrEqual(1);
    const [o, r] = await Promise.all([old, recent].map((p) => db.prediction.findUniqueOrThrow({ where: { id: p.id } })));
    expect(o.input).toBeNull();
    expect(o.output).toBeNull();
    expect(o.inputPurgedAt).not.toBeNull();
    expect(o).toMatchObject({ status: "succeeded", modelId, appId: mine.app.id });
    expect(r.output).toEqual({ label: [1] });
    expect(r.inputPurgedAt).toBeNull();
    const view = await asJson(await get(mine.secret, old.id));
    expect(view.input).toBeNull();
    expect(view.inputPurgedAt).not.toBeNull();
  });

  it("takes the period from MODELPORT_PREDICTION_RETENTION_HOURS, and refuses a value that is not a number of hours", async () => {
    const p = await storedPrediction({ status: "succeeded" });
    await db.prediction.update({ where: { id: p.id }, data: { completedAt: new Date(Date.now() - 2 * 3_600_000) } });
    try {
      process.env.MODELPORT_PREDICTION_RETENTION_HOURS = "3";
      await purgePredictionData();
      expect((await db.prediction.findUniqueOrThrow({ where: { id: p.id } })).inputPurgedAt).toBeNull();
      process.env.MODELPORT_PREDICTION_RETENTION_HOURS = "1";
      await purgePredictionData();
      expect((await db.prediction.findUniqueOrThrow({ where: { id: p.id } })).inputPurgedAt).not.toBeNull();
      process.env.MODELPORT_PREDICTION_RETENTION_HOURS = "one day";
      await expect(purgePredictionData()).rejects.toThrow(/MODELPORT_PREDICTION_RETENTION_HOURS/);
    } finally {
      delete process.env.MODELPORT_PREDICTION_RETENTION_HOURS;
    }
  });
});

describe("canceling a run in progress", () => {
  let slow: http.Server;
  let port = 0;
  let arrived: () => void = () => {};
  const held: http.ServerResponse[] = [];
  beforeAll(async () => {
    slow = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        held.push(res);
        arrived();
      });
    });
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    port = (slow.address() as AddressInfo).port;
    await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "slow model" }, update: {} });
    invalidateEgressAllowList();
  });
  afterAll(() => new Promise((r) => slow.close(r)));

  it("marks it canceled at once; the run, when the model answers, cannot store its output (its call is still recorded)", async () => {
    const m = await createModel();
    await createVersion(m.model.id, {
      version: "1.0.0",
      status: "approved",
      runtime: "http",
      httpProtocol: "generic",
      artifactPath: null,
      inputSchema: { type: "object" },
      endpointUrl: `http://localhost:${port}/slow`,
    });
    const reached = new Promise<void>((r) => (arrived = r));
    const req = new NextRequest(`http://localhost/api/v1/models/${m.owner}/${m.name}/invoke`, {
      method: "POST",
      headers: { ...bearer(mine.secret), "content-type": "application/json", prefer: "respond-async" },
      body: JSON.stringify({ input: { q: 1 } }),
    });
    const res = await invokeLatest(req, { params: Promise.resolve({ owner: m.owner, name: m.name }) });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await reached; // the model has the request: the run is in progress
    expect((await asJson(await get(mine.secret, id))).status).toBe("processing");
    const canceled = await cancel(mine.secret, id);
    expect((await asJson(canceled)).status).toBe("canceled");

    held.shift()!.writeHead(200, { "content-type": "application/json" }).end('{"late":true}');
    await settlePredictionRuns();
    const row = await db.prediction.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "canceled", output: null });
    expect(await db.invocation.count({ where: { requestId: row.requestId, statusCode: 200 } })).toBe(1);
  });
});
