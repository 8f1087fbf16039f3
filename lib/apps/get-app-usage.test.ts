import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { getAppUsage } from "@/lib/apps/get-app-usage";
import { appUsageQuerySchema } from "@/lib/apps/schemas";
import { createModel, createTeamWithMember } from "@/lib/apps/test-fixtures";
import { createAppWithKey } from "@/lib/gateway/test-fixtures";
import { generateApiKey } from "@/lib/auth/api-keys";

const DAY = 86_400_000;

async function setting() {
  const owner = await createTeamWithMember();
  const { app, key } = await createAppWithKey({ teamId: owner.team.id });
  const generated = generateApiKey();
  const second = await db.apiKey.create({
    data: { appId: app.id, name: "batch", prefix: generated.prefix, hash: generated.hash, revokedAt: new Date() },
  });
  const iris = await createModel(owner.team.id, owner.team.slug);
  const penguin = await createModel(owner.team.id, owner.team.slug);
  const [irisVersion, penguinVersion] = await Promise.all(
    [iris, penguin].map((m) => db.modelVersion.findFirstOrThrow({ where: { modelId: m.id } })),
  );
  const now = Date.now();
  const call = (
    at: number,
    keyId: string,
    model: { id: string },
    versionId: string,
    statusCode: number,
    ms: number,
    cost: number,
    appId: string | null = app.id,
  ) => ({
    at: new Date(at),
    requestId: `req_${randomUUID()}`,
    modelId: model.id,
    versionId,
    appId,
    apiKeyId: appId ? keyId : null,
    channel: "api" as const,
    statusCode,
    gatewayMs: 1,
    upstreamMs: ms - 1,
    costMicros: BigInt(cost),
    valueMicros: BigInt(0),
  });
  await db.invocation.createMany({
    data: [
      call(now - 1 * DAY, key.id, iris, irisVersion.id, 200, 10, 100),
      call(now - 1 * DAY, key.id, iris, irisVersion.id, 200, 20, 100),
      call(now - 2 * DAY, key.id, penguin, penguinVersion.id, 422, 30, 0),
      call(now - 2 * DAY, second.id, iris, irisVersion.id, 200, 40, 100),
      // Outside the range, and another app's call: not counted.
      call(now - 40 * DAY, key.id, iris, irisVersion.id, 200, 10, 100),
      { ...call(now - 1 * DAY, key.id, iris, irisVersion.id, 200, 10, 100), appId: (await createAppWithKey()).app.id },
      // A console call has no app.
      call(now - 1 * DAY, key.id, iris, irisVersion.id, 200, 10, 100, null),
    ],
  });
  return { owner, app, key, second, iris, penguin };
}

describe("an app's usage", () => {
  it("sums calls, errors, latency and cost in total, per key, per model and per day over the range", async () => {
    const s = await setting();
    const report = await getAppUsage({ user: s.owner.user, appId: s.app.id, query: appUsageQuerySchema.parse({}) });
    expect(report.app).toMatchObject({ id: s.app.id, name: s.app.name });
    expect(report.totals).toMatchObject({ calls: 4, errors: 1, errorRate: 0.25, costMicros: BigInt(300) });
    expect(report.totals.latencyMs.p50).toBeCloseTo(25, 5);
    expect(report.keys.map((k) => [k.prefix, k.calls, k.errors, k.costMicros, k.revoked])).toEqual([
      [s.key.prefix, 3, 1, BigInt(200), false],
      [s.second.prefix, 1, 0, BigInt(100), true],
    ]);
    expect(report.models.map((m) => [m.slug, m.calls, m.errors])).toEqual([
      [s.iris.slug, 3, 0],
      [s.penguin.slug, 1, 1],
    ]);
    expect(report.days.map((d) => d.calls)).toEqual([2, 2]);
    expect(report.days.map((d) => d.day)).toEqual([...report.days.map((d) => d.day)].sort());

    const week = await getAppUsage({
      user: s.owner.user,
      appId: s.app.id,
      query: appUsageQuerySchema.parse({ from: new Date(Date.now() - 1.5 * DAY).toISOString() }),
    });
    expect(week.totals.calls).toBe(2);
    expect(week.keys.find((k) => k.id === s.second.id)).toMatchObject({ calls: 0, errorRate: null, latencyMs: { p50: null } });
  });

  it("is the app owners' only: other teams get 404, and the range is bounded", async () => {
    const s = await setting();
    const stranger = await createTeamWithMember();
    await expect(getAppUsage({ user: stranger.user, appId: s.app.id, query: appUsageQuerySchema.parse({}) })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(appUsageQuerySchema.safeParse({ from: "2026-01-01", to: "2026-06-01" }).success).toBe(false);
    expect(appUsageQuerySchema.safeParse({ from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
  });
});
