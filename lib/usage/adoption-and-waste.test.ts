import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, kdb, pool } from "@/lib/server/db";
import { writeInvocationBatch } from "@/lib/usage/recorder/write-batch";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";
import { getAdoption } from "@/lib/usage/get-adoption";
import { listIdleModels } from "@/lib/usage/list-idle-models";
import { topMovers } from "@/lib/usage/top-movers";
import type { RoiReport } from "@/lib/usage/get-roi";

const tag = randomBytes(4).toString("hex");

afterAll(async () => {
  await db.$disconnect();
});

async function modelWithVersion(name: string, submittedAt: Date) {
  const bu = await db.businessUnit.upsert({
    where: { slug: `ad-${tag}` },
    update: {},
    create: { slug: `ad-${tag}`, name: `Ad ${tag}`, costCenter: `AD-${tag}` },
  });
  const team = await db.team.upsert({
    where: { slug: `ad-${tag}` },
    update: {},
    create: { slug: `ad-${tag}`, name: "Ad", businessUnitId: bu.id },
  });
  const model = await db.model.create({
    data: { teamId: team.id, name, slug: `ad-${tag}/${name}`, displayName: name, task: "t", framework: "onnx" },
  });
  const version = await db.modelVersion.create({
    data: {
      modelId: model.id,
      version: "1.0.0",
      major: 1,
      minor: 0,
      patch: 0,
      status: "approved",
      runtime: "onnx",
      costModel: {},
      submittedAt,
      approvedAt: submittedAt,
    },
  });
  return { model, version, team };
}

describe("adoption and waste", () => {
  it("measures lead time from first submission to the first API call, exactly, and lists idle published models", async () => {
    const submitted = new Date(Date.UTC(2026, 5, 1, 9, 0, 0));
    const firstCall = new Date(Date.UTC(2026, 5, 3, 15, 42, 7, 250)); // 2 days 6 h 42 min 7.25 s later
    const used = await modelWithVersion("used", submitted);
    const idle = await modelWithVersion("idle", submitted);
    const app = await db.app.create({ data: { name: `ad-app-${tag}`, teamId: used.team.id } });
    const calls = [
      { at: new Date(firstCall.getTime() - 3_600_000), channel: "console" as const }, // a console try does not count
      { at: firstCall, channel: "openai" as const }, // a production call through the OpenAI-compatible door counts
      { at: new Date(firstCall.getTime() + 60_000), channel: "api" as const },
    ];
    // Recorded and folded the way the gateway's calls are.
    await writeInvocationBatch(
      pool(),
      calls.map((c) => ({
        at: c.at,
        requestId: `${tag}-${c.at.getTime()}`,
        modelId: used.model.id,
        versionId: used.version.id,
        appId: c.channel === "console" ? null : app.id,
        apiKeyId: null,
        userId: null,
        channel: c.channel,
        statusCode: 200,
        errorCode: null,
        gatewayMs: 1,
        upstreamMs: 1,
        bytesIn: 0,
        bytesOut: 0,
        tokensIn: null,
        tokensOut: null,
        costMicros: 0n,
        valueMicros: 0n,
      })),
    );
    await flushRollups(kdb());
    const adoption = await getAdoption(new Date(Date.UTC(2026, 5, 10)));
    const lead = adoption.leadTimes.find((l) => l.slug === used.model.slug)!;
    expect(lead.days * 86_400_000).toBeCloseTo(firstCall.getTime() - submitted.getTime(), 3);
    expect(adoption.leadTimes.find((l) => l.slug === idle.model.slug)).toBeUndefined();
    expect(adoption.funnel[0].models).toBeGreaterThanOrEqual(adoption.funnel[2].models);

    const idleNow = await listIdleModels({ from: new Date(Date.UTC(2026, 5, 3)), to: new Date(Date.UTC(2026, 5, 4)) });
    expect(idleNow.map((m) => m.slug)).toContain(idle.model.slug);
    expect(idleNow.map((m) => m.slug)).not.toContain(used.model.slug);
  });

  it("ranks top movers by the size of the change in net value", () => {
    const report = (groups: [string, bigint][]) =>
      ({ groups: groups.map(([key, net]) => ({ key, label: key, netMicros: net })) }) as unknown as RoiReport;
    const movers = topMovers(
      report([
        ["a", 10n],
        ["b", -50n],
        ["c", 5n],
      ]),
      report([
        ["a", 0n],
        ["c", 5n],
        ["d", 30n],
      ]),
    );
    expect(movers.map((m) => [m.key, m.changeMicros])).toEqual([
      ["b", -50n],
      ["d", -30n],
      ["a", 10n],
    ]);
  });
});
