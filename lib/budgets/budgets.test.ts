// Budgets through their routes (issue 17): who may set them (admin, a unit's owner, a team's maintainer; a plain
// member refused 403; keys cannot), every write audited with the person, GET scoped to what the caller may see,
// bad input in the public error shape with nothing written; the current period's spend from committed figures
// (calls before the period's start not counted, queued and folded calls each counted once); and the soft
// threshold announced once per period — a notification to the owners and a signed budget.threshold webhook.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { createTestDatabase } from "@/test/databases";

// A fresh database: this file adds 127.0.0.1 to the (global) egress allow-list for its webhook receiver.
process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));
const { db, kdb } = await import("@/lib/server/db");
const { makeKey, makeTeam, makeUser, params, apiRequest } = await import("@/lib/publishing/test-fixtures");
const { createModel, createVersion } = await import("@/lib/gateway/test-fixtures");
const { recordInvocation } = await import("@/lib/usage/recorder/record-invocation");
const { flushRollups } = await import("@/lib/usage/rollups/rollup-worker");
const { loadBudgetSpend } = await import("@/lib/budgets/budget-spend");
const { checkBudgetThresholds } = await import("@/lib/budgets/check-budget-thresholds");
const listRoute = await import("@/app/api/v1/budgets/route");
const oneRoute = await import("@/app/api/v1/budgets/[id]/route");

type Person = Awaited<ReturnType<typeof makeUser>>;
const as = (p: Person | null) => {
  sessionUser = p ? { id: p.id, email: p.email, name: "Test user", role: p.role, teamIds: p.teamIds } : null;
};
const req = (url: string, method: string, body?: unknown) =>
  new NextRequest(`http://localhost${url}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const read = async (res: Response) => ({ status: res.status, body: res.status === 204 ? null : await res.json() });
const post = async (body: unknown) => read(await listRoute.POST(req("/api/v1/budgets", "POST", body), params({})));
const list = async (query = "") => read(await listRoute.GET(req(`/api/v1/budgets${query}`, "GET"), params({})));
const patch = async (id: string, body: unknown) => read(await oneRoute.PATCH(req(`/api/v1/budgets/${id}`, "PATCH", body), params({ id })));
const del = async (id: string) => read(await oneRoute.DELETE(req(`/api/v1/budgets/${id}`, "DELETE"), params({ id })));

let teamA: Awaited<ReturnType<typeof makeTeam>>; // in unit A
let teamA2: Awaited<ReturnType<typeof makeTeam>>; // also in unit A
let teamB: Awaited<ReturnType<typeof makeTeam>>; // in unit B
let unitA: { id: string; slug: string };
let admin: Person;
let unitOwner: Person; // maintainer of team A2, so an owner of unit A
let maintainerA: Person; // maintainer of team A
let memberA: Person; // plain member of team A (a consumer)
let outsider: Person; // consumer in team B
let executive: Person; // no team
let appA: { id: string };
let versionId: string;
let modelId: string;

beforeAll(async () => {
  teamA = await makeTeam();
  teamB = await makeTeam();
  unitA = await db.businessUnit.findUniqueOrThrow({ where: { id: teamA.businessUnitId }, select: { id: true, slug: true } });
  teamA2 = await db.team.create({ data: { slug: `${teamA.slug}-2`, name: `${teamA.name} 2`, businessUnitId: unitA.id } });
  admin = await makeUser("admin", []);
  unitOwner = await makeUser("publisher", [teamA2.id]);
  maintainerA = await makeUser("consumer", [teamA.id]);
  memberA = await makeUser("consumer", [teamA.id]);
  outsider = await makeUser("consumer", [teamB.id]);
  executive = await makeUser("executive", []);
  await db.teamMember.update({ where: { userId_teamId: { userId: unitOwner.id, teamId: teamA2.id } }, data: { role: "maintainer" } });
  await db.teamMember.update({ where: { userId_teamId: { userId: maintainerA.id, teamId: teamA.id } }, data: { role: "maintainer" } });
  appA = await db.app.create({ data: { name: "fraud-scorer", teamId: teamA.id, createdById: memberA.id } });
  const m = await createModel({ teamId: teamA.id });
  modelId = m.model.id;
  versionId = (await createVersion(modelId, { version: "1.0.0", status: "approved" })).id;
});

const call = (at: Date, costMicros: number, appId = appA.id) =>
  recordInvocation({
    at,
    requestId: `req_${Math.random()}`,
    modelId,
    versionId,
    appId,
    apiKeyId: null,
    userId: null,
    channel: "api",
    statusCode: 200,
    errorCode: null,
    gatewayMs: 1,
    upstreamMs: 1,
    bytesIn: 10,
    bytesOut: 10,
    tokensIn: null,
    tokensOut: null,
    costMicros: BigInt(costMicros),
    valueMicros: BigInt(0),
  });

describe("budget routes", () => {
  it("admins, a unit's owner and a team's maintainer set budgets; a plain member and an outsider are refused 403; every write is audited", async () => {
    as(memberA);
    const refused = await post({ team: teamA.slug, amountMicros: 5_000_000, period: "month" });
    expect([refused.status, refused.body.error.code, refused.body.error.requestId]).toEqual([
      403,
      "forbidden",
      expect.stringMatching(/^req_/),
    ]);
    as(outsider);
    expect((await post({ app: appA.id, amountMicros: 5_000_000, period: "month" })).status).toBe(403);
    as(maintainerA);
    const unitB = await db.businessUnit.findUniqueOrThrow({ where: { id: teamB.businessUnitId } });
    expect((await post({ businessUnit: unitB.slug, amountMicros: 5_000_000, period: "month" })).status).toBe(403); // not a unit they own
    expect(await db.budget.count()).toBe(0);
    as(null);
    expect((await post({ team: teamA.slug, amountMicros: 1, period: "day" })).status).toBe(401);

    as(maintainerA);
    const onTeam = await post({ team: teamA.slug, amountMicros: 5_000_000, period: "month" });
    expect(onTeam.status).toBe(201);
    expect(onTeam.body).toMatchObject({
      scope: { kind: "team", id: teamA.id, slug: teamA.slug },
      amountMicros: 5_000_000,
      period: "month",
      thresholdPercent: 80,
      hardCap: false,
      current: { spendMicros: 0, percent: 0 },
      canEdit: true,
      createdBy: maintainerA.email,
    });
    const onApp = await post({ app: appA.id, amountMicros: 1_000_000, period: "day", thresholdPercent: 50, hardCap: true });
    expect(onApp.status).toBe(201);
    as(unitOwner);
    const onUnit = await post({ businessUnit: unitA.slug, amountMicros: 20_000_000, period: "week" });
    expect(onUnit.status).toBe(201);
    as(admin);
    const onB = await post({ team: teamB.slug, amountMicros: 3_000_000, period: "day" });
    expect(onB.status).toBe(201);

    // Changes and deletions: the owner and admins; others 403 (seen) or 404 (not seen); nothing changes on refusal.
    as(memberA);
    expect((await patch(onTeam.body.id, { amountMicros: 1 })).status).toBe(403);
    expect((await del(onTeam.body.id)).status).toBe(403);
    as(outsider);
    expect((await patch(onTeam.body.id, { amountMicros: 1 })).status).toBe(404);
    expect((await read(await oneRoute.GET(req(`/api/v1/budgets/${onTeam.body.id}`, "GET"), params({ id: onTeam.body.id })))).status).toBe(
      404,
    );
    as(memberA);
    const seen = await read(await oneRoute.GET(req(`/api/v1/budgets/${onTeam.body.id}`, "GET"), params({ id: onTeam.body.id })));
    expect([seen.status, seen.body.id, seen.body.canEdit]).toEqual([200, onTeam.body.id, false]);
    as(maintainerA);
    const changed = await patch(onTeam.body.id, { amountMicros: 6_000_000, hardCap: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ amountMicros: 6_000_000, hardCap: true });
    as(admin);
    expect((await del(onB.body.id)).status).toBe(204);
    expect(await db.budget.findUnique({ where: { id: onB.body.id } })).toBeNull();

    const audit = await db.auditEvent.findMany({ where: { targetType: "budget" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.targetId, a.actorId])).toEqual([
      ["budget.create", onTeam.body.id, maintainerA.id],
      ["budget.create", onApp.body.id, maintainerA.id],
      ["budget.create", onUnit.body.id, unitOwner.id],
      ["budget.create", onB.body.id, admin.id],
      ["budget.update", onTeam.body.id, maintainerA.id],
      ["budget.delete", onB.body.id, admin.id],
    ]);
    expect(audit[4]).toMatchObject({
      before: { amountMicros: 5_000_000, hardCap: false },
      after: { amountMicros: 6_000_000, hardCap: true },
    });
  });

  it("GET shows each caller what they may see: their teams', their apps' and units'; admins and executives all", async () => {
    const scopes = async (p: Person) => {
      as(p);
      const r = await list();
      expect(r.status).toBe(200);
      return (r.body.items as { scope: { kind: string; name: string } }[]).map((b) => b.scope.kind).sort();
    };
    expect(await scopes(memberA)).toEqual(["app", "business_unit", "team"]);
    expect(await scopes(outsider)).toEqual([]);
    expect(await scopes(executive)).toEqual(["app", "business_unit", "team"]);
    as(memberA);
    const items = (await list()).body.items as { canEdit: boolean }[];
    expect(items.every((b) => !b.canEdit)).toBe(true);
    // ?app= keeps the budgets that cover that app: its own, its team's and its unit's.
    as(admin);
    expect(((await list(`?app=${appA.id}`)).body.items as unknown[]).length).toBe(3);
    // A key acts for its creator within its scopes: usage:read reads, nothing writes.
    const readKey = await makeKey(teamA.id, ["usage:read"], unitOwner.id);
    const viaKey = await read(await listRoute.GET(apiRequest("/api/v1/budgets", readKey, { method: "GET" }), params({})));
    expect(viaKey.status).toBe(200);
    const writeTry = await read(
      await listRoute.POST(
        apiRequest("/api/v1/budgets", readKey, { json: { team: teamA.slug, amountMicros: 1, period: "week" } }),
        params({}),
      ),
    );
    expect(writeTry.status).toBe(403);
  });

  it("bad input gets the public error shape and writes nothing", async () => {
    as(admin);
    const before = await db.budget.count();
    const cases: [unknown, number, string][] = [
      [{ team: teamA.slug, app: appA.id, amountMicros: 1, period: "day" }, 400, "validation_failed"],
      [{ amountMicros: 1, period: "day" }, 400, "validation_failed"],
      [{ team: teamA.slug, amountMicros: 0, period: "day" }, 400, "validation_failed"],
      [{ team: teamA.slug, amountMicros: 1.5, period: "day" }, 400, "validation_failed"],
      [{ team: teamA.slug, amountMicros: 1, period: "year" }, 400, "validation_failed"],
      [{ team: teamA.slug, amountMicros: 1, period: "day", thresholdPercent: 120 }, 400, "validation_failed"],
      [{ team: "no-such-team", amountMicros: 1, period: "day" }, 404, "not_found"],
      [{ team: teamA.slug, amountMicros: 1, period: "month" }, 409, "conflict"],
    ];
    for (const [body, status, code] of cases) {
      const r = await post(body);
      expect([r.status, r.body.error?.code, typeof r.body.error?.message, r.body.error?.requestId]).toEqual([
        status,
        code,
        "string",
        expect.stringMatching(/^req_/),
      ]);
    }
    const bad = await read(
      await listRoute.POST(new NextRequest("http://localhost/api/v1/budgets", { method: "POST", body: "{" }), params({})),
    );
    expect(bad.status).toBe(400);
    expect((await patch("00000000-0000-4000-8000-000000000000", { amountMicros: 1 })).status).toBe(404);
    expect((await patch("not-a-uuid", { amountMicros: 1 })).status).toBe(400);
    expect(await db.budget.count()).toBe(before);
  });
});

describe("spend in the current period", () => {
  it("counts the committed calls since the period's start once each, queued or folded, and none from before it", async () => {
    const app = await db.app.create({ data: { name: "period-app", teamId: teamB.id } });
    const budget = await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(10_000), period: "day" } });
    const now = new Date();
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    // Yesterday's calls (the period before) and today's, some folded into the roll-ups and some still queued.
    await call(new Date(dayStart.getTime() - 3_600_000), 7_000, app.id);
    await call(new Date(dayStart.getTime() - 1), 500, app.id);
    await call(new Date(dayStart.getTime()), 100, app.id);
    await call(new Date(Math.max(dayStart.getTime() + 1, now.getTime() - 1_000)), 200, app.id);
    await flushRollups(kdb());
    await call(now, 300, app.id);
    const spend = (await loadBudgetSpend([budget.id], now)).get(budget.id)!;
    expect(spend).toEqual({ spendMicros: BigInt(600), periodStart: dayStart, periodEnd: new Date(dayStart.getTime() + 86_400_000) });
    // Read as of yesterday, the same budget's period was yesterday: its calls only.
    const yesterday = (await loadBudgetSpend([budget.id], new Date(dayStart.getTime() - 60_000))).get(budget.id)!;
    expect(yesterday.periodStart).toEqual(new Date(dayStart.getTime() - 86_400_000));
    expect(yesterday.spendMicros).toBe(BigInt(7_500));
    await flushRollups(kdb());
    expect((await loadBudgetSpend([budget.id], now)).get(budget.id)!.spendMicros).toBe(BigInt(600));
    // Weeks start on Monday, months on the 1st (UTC here: MODELPORT_TIME_ZONE's default).
    await db.budget.update({ where: { id: budget.id }, data: { period: "week" } });
    const week = (await loadBudgetSpend([budget.id], new Date("2026-12-03T12:00:00Z"))).get(budget.id)!;
    expect([week.periodStart.toISOString(), week.periodEnd.toISOString()]).toEqual([
      "2026-11-30T00:00:00.000Z",
      "2026-12-07T00:00:00.000Z",
    ]);
    await db.budget.update({ where: { id: budget.id }, data: { period: "month" } });
    const month = (await loadBudgetSpend([budget.id], new Date("2026-12-03T12:00:00Z"))).get(budget.id)!;
    expect([month.periodStart.toISOString(), month.periodEnd.toISOString()]).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
  });

  it("a unit's budget counts every app of its teams; a team's only its own", async () => {
    const unitBudget = await db.budget.findFirstOrThrow({ where: { businessUnitId: unitA.id } });
    const teamBudget = await db.budget.findFirstOrThrow({ where: { teamId: teamA.id } });
    const appA2 = await db.app.create({ data: { name: "sibling", teamId: teamA2.id } });
    const before = await loadBudgetSpend([unitBudget.id, teamBudget.id]);
    await call(new Date(), 1_000, appA2.id);
    await call(new Date(), 10, appA.id);
    const after = await loadBudgetSpend([unitBudget.id, teamBudget.id]);
    expect(after.get(unitBudget.id)!.spendMicros - before.get(unitBudget.id)!.spendMicros).toBe(BigInt(1_010));
    expect(after.get(teamBudget.id)!.spendMicros - before.get(teamBudget.id)!.spendMicros).toBe(BigInt(10));
  });
});

describe("soft threshold", () => {
  let receiver: http.Server;
  const received: { body: string; signature: string | null; timestamp: string | null; event: string | null }[] = [];
  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
  });

  it("notifies the owners in the app and by a signed budget.threshold webhook, once per period", async () => {
    receiver = http.createServer((r, res) => {
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
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const { createWebhook } = await import("@/lib/governance/webhooks/manage-webhooks");
    const hook = await createWebhook({ user: admin, actor: { id: admin.id, label: admin.email }, url, events: ["budget.threshold"] });
    await db.egressRule.create({ data: { pattern: "127.0.0.1/32", note: "test receiver" } });
    (await import("@/lib/server/net/egress-rules")).invalidateEgressAllowList();

    // The app's daily budget: 1.00 with a 50 % threshold. 0.40 spent: below it, nothing is announced.
    const budget = await db.budget.findFirstOrThrow({ where: { appId: appA.id } });
    await db.budget.update({ where: { id: budget.id }, data: { amountMicros: BigInt(1_000_000) } });
    const spent = (await loadBudgetSpend([budget.id])).get(budget.id)!.spendMicros;
    await call(new Date(), 400_000 - Number(spent));
    await checkBudgetThresholds();
    const announcements = () => db.notification.findMany({ where: { kind: "budget.threshold", link: `/apps/${appA.id}/usage` } });
    expect(await announcements()).toEqual([]);

    await call(new Date(), 150_000); // 0.55: past the threshold
    await checkBudgetThresholds();
    await checkBudgetThresholds(); // and again: once per period
    const notes = await announcements();
    expect(notes.map((n) => n.recipientId).sort()).toEqual([maintainerA.id].sort()); // the team's maintainer (also its creator)
    expect(notes[0].title).toMatch(/daily budget of app fraud-scorer is 55 % spent/);
    const mine = (rows: { payload: unknown }[]) =>
      rows.filter((d) => (d.payload as { data: { budgetId: string } }).data.budgetId === budget.id);
    expect(mine(await db.webhookDelivery.findMany({ where: { webhookId: hook.id } })).length).toBe(1);

    const { processDueDeliveries } = await import("@/lib/governance/webhooks/process-deliveries");
    await processDueDeliveries();
    const ours = received.filter((r) => r.body.includes(budget.id));
    expect(ours.length).toBe(1);
    const { verifySignature } = await import("@/lib/governance/webhooks/sign");
    expect(verifySignature({ secret: hook.secret, ...ours[0] })).toBe(true);
    expect(ours[0].event).toBe("budget.threshold");
    expect(JSON.parse(ours[0].body)).toMatchObject({
      event: "budget.threshold",
      data: {
        budgetId: budget.id,
        scope: { kind: "app", id: appA.id },
        amountMicros: 1_000_000,
        spendMicros: 550_000,
        thresholdPercent: 50,
      },
    });

    // A unit's budget is announced to the maintainers of the unit's teams and to the person who set it.
    const unitOwner2 = await makeUser("consumer", [teamA2.id]);
    await db.teamMember.update({ where: { userId_teamId: { userId: unitOwner2.id, teamId: teamA2.id } }, data: { role: "maintainer" } });
    as(unitOwner);
    const unitSpent = (await loadBudgetSpend([(await db.budget.findFirstOrThrow({ where: { businessUnitId: unitA.id } })).id]))
      .values()
      .next().value!.spendMicros;
    const small = await patch((await db.budget.findFirstOrThrow({ where: { businessUnitId: unitA.id } })).id, {
      amountMicros: Number(unitSpent) + 1,
      thresholdPercent: 10,
    });
    expect(small.status).toBe(200);
    await checkBudgetThresholds();
    const unitNotes = await db.notification.findMany({ where: { kind: "budget.threshold", link: "/budgets" } });
    expect(unitNotes.map((n) => n.recipientId).sort()).toEqual([maintainerA.id, unitOwner.id, unitOwner2.id].sort());
    expect(unitNotes[0].title).toMatch(/^The weekly budget of business unit .* is \d+(\.\d)? % spent$/);

    // The next period is announced again (as of tomorrow, the marker names today's period).
    const tomorrow = new Date(Date.now() + 86_400_000);
    await call(tomorrow, 600_000);
    await checkBudgetThresholds(tomorrow);
    expect((await announcements()).length).toBe(2);
  });
});
