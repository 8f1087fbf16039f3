// "Recently published" on the home page: newest approvals first, with the model's real 30-day calls.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { listRecentlyPublished } from "@/lib/catalog/list-recently-published";
import { refreshModelUsage30d } from "@/lib/catalog/model-usage-30d";
import { createModel, createTeam, uniq } from "@/test/catalog-factory";

afterAll(async () => {
  await db.$disconnect();
});

describe("listRecentlyPublished", () => {
  it("lists the newest approvals with their calls in the last 30 days", async () => {
    const team = await createTeam(db, `recent-${uniq()}`);
    const used = await createModel(db, { teamId: team.id, name: "used" });
    const unused = await createModel(db, { teamId: team.id, name: "unused" });
    const future = new Date(Date.now() + 60_000);
    await db.modelVersion.updateMany({ where: { modelId: used.id }, data: { approvedAt: future } });
    await db.modelVersion.updateMany({ where: { modelId: unused.id }, data: { approvedAt: new Date(future.getTime() - 1000) } });
    const version = await db.modelVersion.findFirstOrThrow({ where: { modelId: used.id } });
    const hist = Array.from({ length: 82 }, () => 0n);
    for (const [hoursAgo, calls] of [
      [2, 40],
      [30, 2],
    ] as const) {
      const bucket = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - hoursAgo * 3_600_000);
      await db.usageHourly.create({
        data: {
          bucket,
          modelId: used.id,
          versionId: version.id,
          appId: null,
          channel: "api",
          calls,
          costMicros: 0n,
          valueMicros: 0n,
          gatewayMsSum: 0,
          upstreamMsSum: 0,
          latencyHist: hist,
          gatewayHist: hist,
          upstreamHist: hist,
        },
      });
    }
    await refreshModelUsage30d();

    const items = await listRecentlyPublished({ viewer: { teamIds: [] }, take: 2 });
    expect(items.map((i) => [i.name, i.calls30d])).toEqual([
      ["used", 42],
      ["unused", 0],
    ]);
  });
});
