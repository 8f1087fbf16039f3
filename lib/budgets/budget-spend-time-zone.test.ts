// Budget periods in a time zone whose midnight is not on a whole UTC hour (Asia/Kolkata, UTC+5:30): the period
// starts at local midnight, and the first half hour — inside an hourly roll-up bucket that also holds calls from
// before the period — is counted from the raw invocations, so those earlier calls never leak in.
process.env.MODELPORT_TIME_ZONE = "Asia/Kolkata"; // read once, on first use (lib/server/env.ts)
import { beforeAll, describe, expect, it } from "vitest";
import { loadBudgetSpend } from "@/lib/budgets/budget-spend";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { db, kdb } from "@/lib/server/db";
import { recordInvocation } from "@/lib/usage/recorder/record-invocation";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";

let appId = "";
let modelId = "";
let versionId = "";
beforeAll(async () => {
  const m = await createModel();
  modelId = m.model.id;
  versionId = (await createVersion(modelId, { version: "1.0.0", status: "approved" })).id;
  appId = (await createAppWithKey({ teamId: m.team.id })).app.id;
});

const call = (at: string, costMicros: number) =>
  recordInvocation({
    at: new Date(at),
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
    bytesIn: 1,
    bytesOut: 1,
    tokensIn: null,
    tokensOut: null,
    costMicros: BigInt(costMicros),
    valueMicros: BigInt(0),
  });

describe("periods in Asia/Kolkata", () => {
  it("a day starts at local midnight (18:30 UTC); calls in the straddled hour before it are not counted", async () => {
    const budget = await db.budget.create({ data: { appId, amountMicros: BigInt(1_000_000), period: "day" } });
    await call("2026-12-02T18:10:00Z", 1_000); // 23:40 local on the 2nd: the day before
    await call("2026-12-02T18:40:00Z", 10); // 00:10 local on the 3rd: the first, partial hour
    await call("2026-12-03T10:00:00Z", 100);
    await call("2026-12-03T18:45:00Z", 5_000); // 00:15 local on the 4th: the next day
    await flushRollups(kdb());
    const at = new Date("2026-12-03T12:00:00Z");
    expect((await loadBudgetSpend([budget.id], at)).get(budget.id)).toEqual({
      spendMicros: BigInt(110),
      periodStart: new Date("2026-12-02T18:30:00Z"),
      periodEnd: new Date("2026-12-03T18:30:00Z"),
    });
    await db.budget.update({ where: { id: budget.id }, data: { period: "week" } });
    const week = (await loadBudgetSpend([budget.id], at)).get(budget.id)!;
    expect([week.periodStart.toISOString(), week.periodEnd.toISOString(), week.spendMicros]).toEqual([
      "2026-11-29T18:30:00.000Z", // Monday 30 November, local midnight
      "2026-12-06T18:30:00.000Z",
      BigInt(6_110),
    ]);
  });
});
