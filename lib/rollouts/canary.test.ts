import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { createAppWithKey, createModel, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import { canaryBreach } from "@/lib/rollouts/canary-figures";
import { runCanaryGuard } from "@/lib/rollouts/canary-guard";

process.env.MODELPORT_RATE_LIMIT_KEY = "100000";
process.env.MODELPORT_RATE_LIMIT_APP = "100000";
process.env.MODELPORT_CANARY_MIN_CALLS = "20";
const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const { POST: invokeExact } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const canaryRoute = await import("@/app/api/v1/models/[owner]/[name]/canary/route");

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
};

// The canary's model server: a real HTTP upstream that answers 500 while `failing`, else a fixed prediction.
let upstream: Server;
let port = 0;
let failing = false;
beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.statusCode = failing ? 500 : 200;
      res.end(failing ? '{"error":"boom"}' : JSON.stringify({ label: [0], probabilities: [[0.9, 0.05, 0.05]] }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
  port = (upstream.address() as AddressInfo).port;
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "rollout tests" }, update: {} });
  invalidateEgressAllowList();
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

async function setup() {
  const { model, team, owner, name } = await createModel();
  await createVersion(model.id, { version: "1.0.0", status: "approved", inputSchema: iris.inputSchema });
  const canary = await createVersion(model.id, {
    version: "1.1.0",
    status: "approved",
    runtime: "http",
    httpProtocol: "generic",
    artifactPath: null,
    endpointUrl: `http://localhost:${port}/predict`,
    inputSchema: iris.inputSchema,
  });
  const caller = await createAppWithKey();
  const steward = await createAppWithKey({ teamId: team.id, scopes: ["read", "publish"], creatorRole: "publisher" });
  return { model, team, owner, name, canary, caller, steward };
}

async function call(owner: string, name: string, secret: string, selector: { query?: string; version?: string } = {}) {
  const init = {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(iris.exampleInput),
  };
  const res = selector.version
    ? await invokeExact(new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/versions/${selector.version}/invoke`, init), {
        params: Promise.resolve({ owner, name, version: selector.version }),
      })
    : await invokeLatest(new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke${selector.query ?? ""}`, init), {
        params: Promise.resolve({ owner, name }),
      });
  const body = (await res.json()) as { version?: string; error?: { code: string } };
  return { status: res.status, version: body.version, code: body.error?.code };
}

async function canaryCall(method: "GET" | "PUT" | "DELETE", owner: string, name: string, secret: string, body?: unknown) {
  const res = await canaryRoute[method](
    new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/canary`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve({ owner, name }) },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
}

describe("canary", () => {
  it("splits range and latest calls by weight, never pinned ones", async () => {
    const { owner, name, caller, steward } = await setup();
    const set = await canaryCall("PUT", owner, name, steward.secret, { stable: "1.0.0", canary: "1.1.0", weight: 30 });
    expect(set.status).toBe(200);
    expect(set.body.canary).toMatchObject({ stable: "1.0.0", canary: "1.1.0", weight: 30, rolledBackAt: null });
    const versions: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await call(owner, name, caller.secret, i % 2 ? {} : { query: "?version=^1" });
      expect(r.status).toBe(200);
      versions.push(r.version!);
    }
    // Binomial(200, 0.3): mean 60, sd ≈ 6.5; 30–90 is more than 4.5 sd either side.
    const toCanary = versions.filter((v) => v === "1.1.0").length;
    expect(toCanary).toBeGreaterThan(30);
    expect(toCanary).toBeLessThan(90);
    expect(new Set(versions)).toEqual(new Set(["1.0.0", "1.1.0"]));
    // Pinned callers get what they pinned, every time.
    for (let i = 0; i < 20; i++) expect((await call(owner, name, caller.secret, { version: "1.0.0" })).version).toBe("1.0.0");
    for (let i = 0; i < 10; i++) expect((await call(owner, name, caller.secret, { query: "?version=1.0.0" })).version).toBe("1.0.0");
    // A range only the stable version matches is not split.
    for (let i = 0; i < 20; i++) expect((await call(owner, name, caller.secret, { query: "?version=~1.0" })).version).toBe("1.0.0");
    expect((await canaryCall("DELETE", owner, name, steward.secret)).status).toBe(200);
  });

  it("rolls back a canary whose model server answers 500: weight 0, the team notified, audited, a model.alert webhook", async () => {
    const { model, team, owner, name, caller, steward } = await setup();
    const teammate = await createUser("consumer", team.id);
    const admin = await createUser("admin");
    const hook = await db.webhook.create({
      data: { url: "https://hooks.example.com/mp", events: ["model.alert"], secret: "whsec_t", createdById: admin.id },
    });
    expect((await canaryCall("PUT", owner, name, steward.secret, { stable: "1.0.0", canary: "1.1.0", weight: 50 })).status).toBe(200);
    failing = true;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 80; i++) statuses.push((await call(owner, name, caller.secret)).status);
      expect(statuses.filter((s) => s === 502).length).toBeGreaterThan(20);
      // Below the minimum number of calls nothing is judged; here the canary has had enough.
      expect(await runCanaryGuard()).toContain(model.slug);
    } finally {
      failing = false;
    }
    const row = await db.modelCanary.findUniqueOrThrow({ where: { modelId: model.id } });
    expect(row.weight).toBe(0);
    expect(row.rollbackReason).toMatch(/^error rate \d+\.\d % over \d+ calls \(threshold 5 %\)$/);
    const notes = await db.notification.findMany({ where: { kind: "model.alert", title: { contains: "canary 1.1.0 rolled back" } } });
    expect(notes.map((n) => n.recipientId)).toEqual(expect.arrayContaining([steward.creator.id, teammate.id]));
    expect(await db.auditEvent.count({ where: { targetId: model.id, action: "model.canary.rollback" } })).toBe(1);
    // Other tests' alerts reach this hook too (one database): keep this model's.
    const deliveries = (await db.webhookDelivery.findMany({ where: { webhookId: hook.id } })).filter((d) =>
      JSON.stringify(d.payload).includes(model.slug),
    );
    expect(deliveries.map((d) => d.payload)).toEqual([
      expect.objectContaining({ event: "model.alert", data: expect.objectContaining({ kind: "canary_rolled_back" }) }),
    ]);
    // Rolled back: every latest call goes to the stable version again, and a second guard run does nothing.
    for (let i = 0; i < 30; i++) expect((await call(owner, name, caller.secret)).version).toBe("1.0.0");
    expect(await runCanaryGuard()).not.toContain(model.slug);
    const view = await canaryCall("GET", owner, name, steward.secret);
    expect(view.body.canary).toMatchObject({ weight: 0, rollbackReason: row.rollbackReason });
  });

  it("judges only with enough calls, and on p95 latency against the stable version", () => {
    const figures = (canary: { calls: number; errors: number; p95Ms: number }, stable = { calls: 100, errors: 0, p95Ms: 10 }) => ({
      since: "",
      stable: { ...stable, errorRate: stable.errors / stable.calls },
      canary: { ...canary, errorRate: canary.errors / canary.calls },
    });
    expect(canaryBreach(figures({ calls: 10, errors: 10, p95Ms: 5 }), 20)).toBeNull();
    expect(canaryBreach(figures({ calls: 100, errors: 5, p95Ms: 15 }), 20)).toBeNull();
    expect(canaryBreach(figures({ calls: 100, errors: 6, p95Ms: 15 }), 20)).toMatch(/^error rate 6\.0 %/);
    expect(canaryBreach(figures({ calls: 100, errors: 0, p95Ms: 21 }), 20)).toMatch(
      /^p95 latency 21\.0 ms against the stable version's 10\.0 ms/,
    );
    expect(canaryBreach(figures({ calls: 100, errors: 0, p95Ms: 21 }, { calls: 5, errors: 0, p95Ms: 10 }), 20)).toBeNull();
    // Twice as slow but by milliseconds only (an HTTP canary behind an in-process ONNX model): not a breach.
    expect(canaryBreach(figures({ calls: 100, errors: 0, p95Ms: 3.6 }, { calls: 100, errors: 0, p95Ms: 1.5 }), 20)).toBeNull();
  });

  it("only the model's team and admins set it, between two approved versions", async () => {
    const { owner, name, model, caller, steward } = await setup();
    await createVersion(model.id, { version: "2.0.0", status: "pending_review" });
    expect((await canaryCall("PUT", owner, name, caller.secret, { stable: "1.0.0", canary: "1.1.0", weight: 10 })).status).toBe(403);
    const review = await canaryCall("PUT", owner, name, steward.secret, { stable: "1.0.0", canary: "2.0.0", weight: 10 });
    expect([review.status, review.body.error?.code]).toEqual([409, "invalid_transition"]);
    expect((await canaryCall("PUT", owner, name, steward.secret, { stable: "1.0.0", canary: "1.0.0", weight: 10 })).status).toBe(400);
    expect((await canaryCall("PUT", owner, name, steward.secret, { stable: "1.0.0", canary: "1.1.0", weight: 101 })).status).toBe(400);
    expect(await db.modelCanary.count({ where: { modelId: model.id } })).toBe(0);
    expect((await canaryCall("PUT", owner, name, steward.secret, { stable: "1.0.0", canary: "1.1.0", weight: 100 })).status).toBe(200);
    expect((await call(owner, name, caller.secret)).version).toBe("1.1.0");
    expect((await canaryCall("DELETE", owner, name, steward.secret)).body).toEqual({ canary: null, figures: null });
    expect(await db.auditEvent.count({ where: { targetId: model.id, action: { in: ["model.canary.set", "model.canary.stop"] } } })).toBe(2);
  });
});
