// Every call a valid key makes counts against its rate limit before anything is authorised (issue 13): a key
// refused 403 again and again is throttled like one that is served, the throttled calls write no invocation
// row, and the Next route and the gateway door count alike.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";

process.env.MODELPORT_RATE_LIMIT_KEY = "4";
const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const { GET: search } = await import("@/app/api/v1/models/route");
const { answerInvoke } = await import("@/gateway/invoke");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (!answerInvoke(req, res)) {
      res.statusCode = 599;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

type Answer = { status: number; code: string | null; requestId: string | null; retryAfter: string | null };
async function read(res: Response): Promise<Answer> {
  const body = (await res.json()) as { error?: { code: string } };
  return {
    status: res.status,
    code: body.error?.code ?? null,
    requestId: res.headers.get("x-request-id"),
    retryAfter: res.headers.get("retry-after"),
  };
}

const viaNext = async (owner: string, name: string, secret: string) =>
  read(
    await invokeLatest(
      new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}` },
        body: JSON.stringify(iris.exampleInput),
      }),
      { params: Promise.resolve({ owner, name }) },
    ),
  );
const viaLean = async (owner: string, name: string, secret: string) =>
  read(
    await fetch(`${base}/api/v1/models/${owner}/${name}/invoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
      body: JSON.stringify(iris.exampleInput),
    }),
  );

async function forbiddenTarget() {
  const allowed = await createModel();
  const { owner, name, model } = await createModel();
  await createVersion(model.id, { version: "1.0.0", status: "approved" });
  return { owner, name, modelId: model.id, allowedId: allowed.model.id };
}

describe("refused calls count against the key's rate limit", () => {
  it.each([
    ["the Next route", viaNext],
    ["the gateway door", viaLean],
  ] as const)("through %s: 403s until the quota is spent, then 429 with no row", async (_door, call) => {
    const t = await forbiddenTarget();
    // Limited to another model: every call is refused by authorisation.
    const { secret } = await createAppWithKey({ modelAllowlist: [t.allowedId] });
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) answers.push(await call(t.owner, t.name, secret));
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 429, 429]);
    expect(answers[4].code).toBe("rate_limited");
    expect(Number(answers[4].retryAfter)).toBeGreaterThan(0);
    const rows = await db.invocation.findMany({ where: { modelId: t.modelId }, select: { requestId: true, statusCode: true } });
    expect(rows.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(rows.map((r) => r.requestId)).not.toContain(answers[4].requestId);
  });

  it("counts calls on any route, not only invoke", async () => {
    const t = await forbiddenTarget();
    const { secret } = await createAppWithKey({ modelAllowlist: [t.allowedId] });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await viaLean(t.owner, t.name, secret)).status);
    // The fourth call of the window is a catalog search, which the key may make: it is counted as well.
    const res = await search(
      new NextRequest(`http://localhost/api/v1/models?q=${t.name}`, { headers: { authorization: `Bearer ${secret}` } }),
      { params: Promise.resolve({}) },
    );
    statuses.push(res.status);
    expect(res.headers.get("ratelimit")).toMatch(/^"key";r=0;t=\d+$/);
    statuses.push((await viaNext(t.owner, t.name, secret)).status);
    expect(statuses).toEqual([403, 403, 403, 200, 429]);
  });

  it("counts a key that lacks the route's scope, before the model is even looked up", async () => {
    const t = await forbiddenTarget();
    const { secret } = await createAppWithKey({ scopes: ["read"] });
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await (i % 2 ? viaNext : viaLean)(t.owner, t.name, secret));
    expect(answers.map((a) => a.code)).toEqual([
      "insufficient_scope",
      "insufficient_scope",
      "insufficient_scope",
      "insufficient_scope",
      "rate_limited",
    ]);
    expect(await db.invocation.count({ where: { modelId: t.modelId } })).toBe(0);
  });
});
