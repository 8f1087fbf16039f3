import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { metricsRegistry } from "@/lib/server/metrics";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { createAppWithKey, createModel, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import { shadowsSettled } from "@/lib/rollouts/shadow-mirror";

process.env.MODELPORT_RATE_LIMIT_KEY = "100000";
process.env.MODELPORT_RATE_LIMIT_APP = "100000";
const { POST: invoke } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const shadowRoute = await import("@/app/api/v1/models/[owner]/[name]/shadow/route");

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
  outputSchema: object;
};

// The candidate: a real HTTP model server that always says "versicolor", a little unsure.
let upstream: Server;
let port = 0;
beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ label: [1], probabilities: [[0.2, 0.6, 0.2]] }));
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
  await createVersion(model.id, { version: "1.0.0", status: "approved", inputSchema: iris.inputSchema, outputSchema: iris.outputSchema });
  const candidate = await createVersion(model.id, {
    version: "1.1.0",
    status: "pending_review",
    runtime: "http",
    httpProtocol: "generic",
    artifactPath: null,
    endpointUrl: `http://localhost:${port}/predict`,
    inputSchema: iris.inputSchema,
  });
  const caller = await createAppWithKey();
  const steward = await createAppWithKey({ teamId: team.id, scopes: ["read", "publish"], creatorRole: "publisher" });
  return { model, team, owner, name, candidate, caller, steward };
}

const params = (owner: string, name: string) => ({ params: Promise.resolve({ owner, name }) });

async function callModel(owner: string, name: string, secret: string) {
  const res = await invoke(
    new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(iris.exampleInput),
    }),
    params(owner, name),
  );
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body };
}

async function shadowCall(method: "GET" | "PUT" | "DELETE", owner: string, name: string, secret: string, body?: unknown) {
  const handler = shadowRoute[method];
  const res = await handler(
    new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/shadow`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    params(owner, name),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
}

const withoutId = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });

describe("shadow", () => {
  it("at 50 % mirrors about half of the live calls to the candidate and never changes what callers get", async () => {
    process.env.MODELPORT_SHADOW_CONCURRENCY = "1000";
    const { model, owner, name, candidate, caller, steward } = await setup();
    const baseline = await callModel(owner, name, caller.secret);
    expect(baseline.status).toBe(200);

    const set = await shadowCall("PUT", owner, name, steward.secret, { version: "1.1.0", percent: 50 });
    expect(set.status).toBe(200);
    expect(set.body.shadow).toMatchObject({ version: "1.1.0", percent: 50 });

    const N = 200;
    const requestIds: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await callModel(owner, name, caller.secret);
      expect(r.status).toBe(200);
      expect(withoutId(r.body)).toEqual(withoutId(baseline.body));
      requestIds.push(r.body.requestId as string);
    }
    await shadowsSettled();

    // Binomial(200, 0.5): mean 100, sd ≈ 7.1; 60–140 is more than 5 sd either side.
    const mirrored = await db.invocation.findMany({ where: { modelId: model.id, channel: "shadow" } });
    expect(mirrored.length).toBeGreaterThan(60);
    expect(mirrored.length).toBeLessThan(140);
    expect(mirrored.every((m) => m.versionId === candidate.id && m.appId === null && m.valueMicros === 0n && m.costMicros === 100n)).toBe(
      true,
    );
    expect(new Set(mirrored.map((m) => m.requestId.replace(/:shadow$/, ""))).size).toBe(mirrored.length);
    expect(mirrored.every((m) => requestIds.includes(m.requestId.replace(/:shadow$/, "")))).toBe(true);
    // The callers' own calls are all there, on the serving version, each once.
    expect(await db.invocation.count({ where: { modelId: model.id, channel: "api", versionId: { not: candidate.id } } })).toBe(N + 1);

    const view = await shadowCall("GET", owner, name, steward.secret);
    const figures = view.body.figures as Record<string, unknown>;
    expect(figures.comparisons).toBe(mirrored.length);
    // The serving iris model says setosa for the example, the candidate versicolor: no agreement.
    expect(figures.agreementRate).toBe(0);
    expect(figures.meanAbsDiff as number).toBeGreaterThan(0.1);
    expect(figures).toMatchObject({ servingErrors: 0, candidateErrors: 0 });
    expect((figures.candidateLatencyMs as { p95: number }).p95).toBeGreaterThan(0);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: model.id, action: "model.shadow.set" } });
    expect(audit.actorId).toBe(steward.creator.id);
  });

  it("drops (and counts) mirrored calls when too many are in flight, and stops when deleted", async () => {
    const { model, owner, name, caller, steward } = await setup();
    expect((await shadowCall("PUT", owner, name, steward.secret, { version: "1.1.0", percent: 100 })).status).toBe(200);
    const dropped = async () =>
      (await metricsRegistry.getSingleMetricAsString("modelport_shadow_calls_total")).match(/outcome="dropped"} (\d+)/)?.[1] ?? "0";
    const before = Number(await dropped());
    process.env.MODELPORT_SHADOW_CONCURRENCY = "0";
    try {
      for (let i = 0; i < 5; i++) expect((await callModel(owner, name, caller.secret)).status).toBe(200);
      await shadowsSettled();
    } finally {
      process.env.MODELPORT_SHADOW_CONCURRENCY = "1000";
    }
    expect(Number(await dropped()) - before).toBe(5);
    expect(await db.invocation.count({ where: { modelId: model.id, channel: "shadow" } })).toBe(0);

    expect((await shadowCall("DELETE", owner, name, steward.secret)).body).toEqual({ shadow: null, figures: null });
    await callModel(owner, name, caller.secret);
    await shadowsSettled();
    expect(await db.invocation.count({ where: { modelId: model.id, channel: "shadow" } })).toBe(0);
  });

  it("only the model's team, reviewers and admins set it; a draft cannot be a candidate; percent is 0–100", async () => {
    const { owner, name, model, caller, steward } = await setup();
    await createVersion(model.id, { version: "2.0.0", status: "draft" });
    expect((await shadowCall("PUT", owner, name, caller.secret, { version: "1.1.0", percent: 10 })).status).toBe(403);
    const readOnlyTeamKey = await createAppWithKey({ teamId: model.teamId, scopes: ["read"], creatorRole: "publisher" });
    expect((await shadowCall("PUT", owner, name, readOnlyTeamKey.secret, { version: "1.1.0", percent: 10 })).status).toBe(403);
    expect((await shadowCall("GET", owner, name, readOnlyTeamKey.secret)).status).toBe(200);
    const draft = await shadowCall("PUT", owner, name, steward.secret, { version: "2.0.0", percent: 10 });
    expect([draft.status, draft.body.error?.code]).toEqual([409, "invalid_transition"]);
    const big = await shadowCall("PUT", owner, name, steward.secret, { version: "1.1.0", percent: 150 });
    expect(big.status).toBe(400);
    expect(await db.modelShadow.count({ where: { modelId: model.id } })).toBe(0);
    expect(await createUser("reviewer")).toBeTruthy();
  });
});
