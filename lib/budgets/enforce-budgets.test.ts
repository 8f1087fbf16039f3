// Hard caps in the governed call (issue 17): once a hard-capped budget of the caller's app, team or unit is spent
// for the period, calls are refused with 402 budget_exceeded (naming the budget and when it resets) and recorded
// as refused; and a burst against a small cap overspends by at most the calls that start within one spend-cache
// TTL after the cap is reached — the bound docs/decisions.md states, computed here from the calls' own times.
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearBudgetSpendCache } from "@/lib/budgets/enforce-budgets";
import { createAppWithKey, createModel, createVersion, createTeam } from "@/lib/gateway/test-fixtures";
import { db } from "@/lib/server/db";

const { POST: invoke } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };
const PER_CALL = 100; // micros: the fixtures' per-call cost model

let owner = "";
let name = "";
beforeAll(async () => {
  const m = await createModel();
  owner = m.owner;
  name = m.name;
  await createVersion(m.model.id, { version: "1.0.0", status: "approved" });
});
afterEach(() => {
  delete process.env.MODELPORT_BUDGET_SPEND_TTL_MS;
  clearBudgetSpendCache();
});

async function call(secret: string, extraHeaders: Record<string, string> = {}) {
  const req = new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...extraHeaders },
    body: JSON.stringify(iris.exampleInput),
  });
  const res = await invoke(req, { params: Promise.resolve({ owner, name }) });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { error?: { code: string; message: string; requestId: string } },
  };
}

const nextUtcMidnight = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString();
};

describe("hard caps", () => {
  it("refuses with 402 budget_exceeded once the app's budget is spent, names it and its reset, and records the refusal", async () => {
    process.env.MODELPORT_BUDGET_SPEND_TTL_MS = "0"; // every call reads the committed spend: the exact cap
    const { app, secret } = await createAppWithKey();
    const other = await createAppWithKey({ teamId: app.teamId }); // same team, no app budget
    await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(3 * PER_CALL), period: "day", hardCap: true } });
    expect([(await call(secret)).status, (await call(secret)).status, (await call(secret)).status]).toEqual([200, 200, 200]);
    const refused = await call(secret);
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ code: "budget_exceeded", requestId: expect.stringMatching(/^req_/) });
    expect(refused.body.error!.message).toBe(
      `The daily budget of app ${app.name} ($0.0003, hard cap) is spent; calls are refused until it resets at ${nextUtcMidnight()}.`,
    );
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const row = await db.invocation.findFirstOrThrow({ where: { requestId: refused.body.error!.requestId } });
    expect(row).toMatchObject({ appId: app.id, statusCode: 402, errorCode: "budget_exceeded", costMicros: BigInt(0), channel: "api" });
    expect(await db.invocation.count({ where: { appId: app.id, statusCode: 200 } })).toBe(3);
    // Another app of the team is not bound by this app's budget; a soft budget never refuses.
    expect((await call(other.secret)).status).toBe(200);
    await db.budget.updateMany({ where: { appId: app.id }, data: { hardCap: false } });
    expect((await call(secret)).status).toBe(200);
  });

  it("refuses an async call (Prefer: respond-async) with 402 at admission once the budget is spent: no prediction is queued", async () => {
    process.env.MODELPORT_BUDGET_SPEND_TTL_MS = "0";
    const { app, secret } = await createAppWithKey();
    await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(PER_CALL), period: "day", hardCap: true } });
    expect((await call(secret)).status).toBe(200);
    const refused = await call(secret, { prefer: "respond-async" });
    expect([refused.status, refused.body.error?.code]).toEqual([402, "budget_exceeded"]);
    expect(await db.prediction.count({ where: { appId: app.id } })).toBe(0);
  });

  it("a team's and a unit's hard caps bind every app of the team / unit", async () => {
    process.env.MODELPORT_BUDGET_SPEND_TTL_MS = "0";
    const team = await createTeam();
    const sibling = await db.team.create({
      data: { slug: `${team.slug}-sib`, name: `${team.name} sib`, businessUnitId: team.businessUnitId },
    });
    const a = await createAppWithKey({ teamId: team.id });
    const b = await createAppWithKey({ teamId: sibling.id });
    const teamBudget = await db.budget.create({
      data: { teamId: team.id, amountMicros: BigInt(PER_CALL), period: "month", hardCap: true },
    });
    expect((await call(a.secret)).status).toBe(200);
    const byTeam = await call(a.secret);
    expect([byTeam.status, byTeam.body.error?.message]).toEqual([402, expect.stringMatching(/^The monthly budget of team /)]);
    expect((await call(b.secret)).status).toBe(200); // the sibling team is not in this team's budget
    await db.budget.delete({ where: { id: teamBudget.id } });
    await db.budget.create({
      data: { businessUnitId: team.businessUnitId, amountMicros: BigInt(3 * PER_CALL), period: "week", hardCap: true },
    });
    // The unit's spend so far: a's and b's successful calls (refusals cost nothing); this one reaches the cap.
    expect((await call(b.secret)).status).toBe(200);
    expect((await call(a.secret)).status).toBe(402);
    expect((await call(b.secret)).body.error?.message).toMatch(/^The weekly budget of business unit .* resets at /);
  });

  it("within the spend TTL the hot path reuses the spend it read (no query per call); a fresh read refuses", async () => {
    process.env.MODELPORT_BUDGET_SPEND_TTL_MS = "600000";
    const { app, secret } = await createAppWithKey();
    await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(PER_CALL), period: "day", hardCap: true } });
    // The first call reads spend 0 and caches it; the next ones reuse it although the cap is spent by now.
    for (let i = 0; i < 4; i++) expect((await call(secret)).status).toBe(200);
    clearBudgetSpendCache();
    expect((await call(secret)).status).toBe(402);
  });

  it("a burst overspends by at most the calls that start within one spend-cache TTL after the cap is reached", async () => {
    const ttl = 150;
    process.env.MODELPORT_BUDGET_SPEND_TTL_MS = String(ttl);
    const cap = 5;
    const { app, secret } = await createAppWithKey();
    await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(cap * PER_CALL), period: "day", hardCap: true } });
    const calls: { start: number; end: number; status: number }[] = [];
    // Sequential calls for a few TTL windows after the cap: each commits before its answer leaves.
    for (let i = 0; i < 400; i++) {
      const start = performance.now();
      const { status } = await call(secret);
      calls.push({ start, end: performance.now(), status });
      const refusedSince = calls.findIndex((c) => c.status === 402);
      if (refusedSince >= 0 && calls[calls.length - 1].start - calls[refusedSince].start > 3 * ttl) break;
    }
    expect(calls.every((c) => c.status === 200 || c.status === 402)).toBe(true);
    const reached = calls.filter((c) => c.status === 200)[cap - 1]; // the call whose commit spent the cap
    const after = calls.slice(calls.indexOf(reached) + 1);
    const inWindow = after.filter((c) => c.start <= reached.end + ttl).length;
    const overspent = after.filter((c) => c.status === 200).length;
    expect(overspent).toBeLessThanOrEqual(inWindow);
    expect(after.filter((c) => c.start > reached.end + ttl).every((c) => c.status === 402)).toBe(true);
    expect(after.some((c) => c.status === 402)).toBe(true);
    // The same bound in money, from the database: committed spend ≤ cap + one window's calls.
    const spent = await db.invocation.aggregate({ where: { appId: app.id }, _sum: { costMicros: true } });
    expect(Number(spent._sum.costMicros)).toBeLessThanOrEqual((cap + inWindow) * PER_CALL);
    expect(Number(spent._sum.costMicros)).toBe((cap + overspent) * PER_CALL);
  });
});
