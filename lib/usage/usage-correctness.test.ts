// Every figure the dashboards show must equal what the raw invocation rows say. The test records invocations
// the way the gateway does (raw row + hourly upsert, in batches), then recomputes totals from its own list
// of rows and compares with the API functions (roll-up path and raw path) and with the roll-up tables.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { latencyBucket, BUCKET_COUNT } from "@/lib/usage/latency-buckets";
import { getUsage } from "@/lib/usage/get-usage";
import { getRoi } from "@/lib/usage/get-roi";
import { getChargeback } from "@/lib/usage/get-chargeback";
import { usageQuerySchema, roiQuerySchema } from "@/lib/usage/schemas";
import type { UsageViewer } from "@/lib/usage/usage-viewer";

type Call = { at: Date; versionId: string; appId: string | null; channel: "api" | "console"; status: number; gw: number; up: number; cost: bigint; value: bigint };

const tag = randomBytes(4).toString("hex");
const HOUR = 3_600_000;
const start = new Date(Date.UTC(2026, 2, 3, 0, 0, 0)); // 3 days of calls from here
const calls: Call[] = [];
const ids = { model: "", v1: "", v2: "", appA: "", appB: "", buA: `bua-${tag}`, buB: `bub-${tag}`, teamA: "", teamB: "" };

// Deterministic pseudo-random numbers so a failure can be replayed.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function record(batch: Call[]) {
  await db.invocation.createMany({
    data: batch.map((c, i) => ({
      at: c.at, requestId: `${tag}-${calls.indexOf(c)}-${i}`, modelId: ids.model, versionId: c.versionId, appId: c.appId, channel: c.channel,
      statusCode: c.status, gatewayMs: c.gw, upstreamMs: c.up, costMicros: c.cost, valueMicros: c.value,
    })),
  });
  const keys = new Map<string, Call[]>();
  for (const c of batch) {
    const k = `${Math.floor(c.at.getTime() / HOUR)}|${c.versionId}|${c.appId}|${c.channel}`;
    keys.set(k, [...(keys.get(k) ?? []), c]);
  }
  for (const list of keys.values()) {
    const h = [0, 1, 2].map(() => new Array<number>(BUCKET_COUNT).fill(0));
    for (const c of list) {
      h[0][latencyBucket(c.gw + c.up)]++;
      h[1][latencyBucket(c.gw)]++;
      h[2][latencyBucket(c.up)]++;
    }
    const c0 = list[0];
    await db.$executeRawUnsafe(
      `INSERT INTO usage_hourly AS t (bucket, "modelId", "versionId", "appId", channel, calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")
       VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5::"Channel", $6, $7, $8, $9, $10, $11, $12::bigint[], $13::bigint[], $14::bigint[])
       ON CONFLICT (bucket, "versionId", "appId", channel) DO UPDATE SET calls = t.calls + EXCLUDED.calls, errors = t.errors + EXCLUDED.errors,
         "costMicros" = t."costMicros" + EXCLUDED."costMicros", "valueMicros" = t."valueMicros" + EXCLUDED."valueMicros",
         "gatewayMsSum" = t."gatewayMsSum" + EXCLUDED."gatewayMsSum", "upstreamMsSum" = t."upstreamMsSum" + EXCLUDED."upstreamMsSum",
         "latencyHist" = modelport_hist_add(t."latencyHist", EXCLUDED."latencyHist"), "gatewayHist" = modelport_hist_add(t."gatewayHist", EXCLUDED."gatewayHist"),
         "upstreamHist" = modelport_hist_add(t."upstreamHist", EXCLUDED."upstreamHist")`,
      new Date(Math.floor(c0.at.getTime() / HOUR) * HOUR), ids.model, c0.versionId, c0.appId, c0.channel, list.length,
      list.filter((c) => c.status >= 400).length, list.reduce((s, c) => s + c.cost, 0n), list.reduce((s, c) => s + c.value, 0n),
      list.reduce((s, c) => s + c.gw, 0), list.reduce((s, c) => s + c.up, 0), h[0], h[1], h[2],
    );
  }
}

function expected(filter: (c: Call) => boolean) {
  const list = calls.filter(filter);
  return {
    calls: list.length,
    errors: list.filter((c) => c.status >= 400).length,
    costMicros: list.reduce((s, c) => s + c.cost, 0n),
    valueMicros: list.reduce((s, c) => s + c.value, 0n),
  };
}

beforeAll(async () => {
  const owner = await db.businessUnit.create({ data: { slug: `own-${tag}`, name: `Owner ${tag}`, costCenter: `CC-O-${tag}` } });
  const buA = await db.businessUnit.create({ data: { slug: ids.buA, name: `Unit A ${tag}`, costCenter: `CC-A-${tag}` } });
  const buB = await db.businessUnit.create({ data: { slug: ids.buB, name: `Unit B ${tag}`, costCenter: `CC-B-${tag}` } });
  const ownerTeam = await db.team.create({ data: { slug: `ot-${tag}`, name: "Owners", businessUnitId: owner.id } });
  const teamA = await db.team.create({ data: { slug: `ta-${tag}`, name: "A", businessUnitId: buA.id } });
  const teamB = await db.team.create({ data: { slug: `tb-${tag}`, name: "B", businessUnitId: buB.id } });
  ids.teamA = teamA.id;
  ids.teamB = teamB.id;
  const model = await db.model.create({
    data: { teamId: ownerTeam.id, name: `m-${tag}`, slug: `ot-${tag}/m-${tag}`, displayName: "M", task: "t", framework: "onnx", valuePerCallMicros: 5_000n },
  });
  ids.model = model.id;
  const mk = (version: string, costModel: object) =>
    db.modelVersion.create({ data: { modelId: model.id, version, major: Number(version[0]), minor: 0, patch: 0, status: "approved", runtime: "onnx", costModel } });
  ids.v1 = (await mk("1.0.0", { kind: "per_call", microsPerCall: 700 })).id;
  ids.v2 = (await mk("2.0.0", { kind: "compute_time", hardwareClass: `gpu-${tag}` })).id;
  ids.appA = (await db.app.create({ data: { name: `app-a-${tag}`, teamId: teamA.id } })).id;
  ids.appB = (await db.app.create({ data: { name: `app-b-${tag}`, teamId: teamB.id } })).id;
  // The GPU rate changes in the middle of the range; cost is fixed when the call is recorded.
  const rateChange = new Date(start.getTime() + 30 * HOUR + 20 * 60_000);
  await db.hardwareRate.createMany({
    data: [
      { hardwareClass: `gpu-${tag}`, hourlyRateMicros: 3_600_000_000n, effectiveFrom: new Date(0) },
      { hardwareClass: `gpu-${tag}`, hourlyRateMicros: 7_200_000_000n, effectiveFrom: rateChange },
    ],
  });
  for (let i = 0; i < 600; i++) {
    const at = new Date(start.getTime() + Math.floor(rand() * 72 * HOUR));
    const v2 = rand() < 0.5;
    const up = 1 + rand() * 400;
    const status = rand() < 0.1 ? 502 : 200;
    const rate = at >= rateChange ? 7_200_000_000n : 3_600_000_000n;
    const cost = v2 ? (rate * BigInt(Math.round(up * 1000))) / 3_600_000_000n : 700n; // µs of compute × rate per µs
    const appPick = rand();
    calls.push({
      at, versionId: v2 ? ids.v2 : ids.v1, appId: appPick < 0.45 ? ids.appA : appPick < 0.9 ? ids.appB : null,
      channel: appPick < 0.9 ? "api" : "console", status, gw: 0.2 + rand() * 5, up, cost, value: status < 400 ? 5_000n : 0n,
    });
  }
  calls.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 0; i < calls.length; i += 37) await record(calls.slice(i, i + 37));
  // App B is deleted afterwards: its history must still count everywhere.
  await db.app.update({ where: { id: ids.appB }, data: { deletedAt: new Date() } });
});

afterAll(async () => {
  await db.$disconnect();
});

const all: UsageViewer = { kind: "all" };

describe("usage figures equal the raw invocation rows", () => {
  const from = new Date(start.getTime() + 5 * HOUR + 17 * 60_000 + 13_000); // mid-hour
  const to = new Date(start.getTime() + 61 * HOUR + 43 * 60_000); // mid-hour, two days later
  const inRange = (c: Call) => c.at >= from && c.at < to;

  it("usage totals, per-version groups and series over a mid-hour range, via roll-ups and via raw rows", async () => {
    const latency: Record<string, unknown> = {};
    for (const source of ["rollup", "raw"] as const) {
      for (const interval of ["hour", "day", "week"] as const) {
        const query = usageQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), groupBy: "version", interval, model: `ot-${tag}/m-${tag}` });
        const report = await getUsage({ query, viewer: all, source });
        const want = expected(inRange);
        expect({ calls: report.totals.calls, errors: report.totals.errors, costMicros: report.totals.costMicros, valueMicros: report.totals.valueMicros }).toEqual(want);
        const v2 = report.groups.find((g) => g.key === ids.v2)!;
        expect(v2.calls).toBe(expected((c) => inRange(c) && c.versionId === ids.v2).calls);
        expect(report.series.reduce((s, p) => s + p.calls, 0)).toBe(want.calls);
        // Percentiles come from merged histograms: the true p95 is never above the reported bucket bound.
        const totals = calls.filter(inRange).map((c) => c.gw + c.up).sort((a, b) => a - b);
        const p95 = report.totals.latencyMs.total.p95!;
        expect(p95).toBeGreaterThanOrEqual(totals[Math.ceil(0.95 * totals.length) - 1]);
        expect(p95).toBeLessThanOrEqual(totals[Math.ceil(0.95 * totals.length) - 1] * 1.2);
        // Merged histograms are exact: every percentile of every kind, overall, per period and per group,
        // is the same whether it comes from the roll-ups or from the raw rows.
        const shape = { totals: report.totals.latencyMs, series: report.series.map((p) => [p.period, p.latencyMs]), groups: report.groups.map((g) => [g.key, g.latencyMs]) };
        if (latency[interval]) expect(shape).toEqual(latency[interval]);
        else latency[interval] = shape;
      }
    }
  });

  it("ROI per consuming business unit, including a deleted app and a rate change inside the range", async () => {
    const viewer: UsageViewer = { kind: "teams", teamIds: [ids.teamA, ids.teamB], includeOwnedModels: false };
    const query = roiQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), groupBy: "business_unit" });
    for (const source of ["rollup", "raw"] as const) {
      const report = await getRoi({ query, viewer, source });
      const b = expected((c) => inRange(c) && c.appId === ids.appB);
      const rowB = report.groups.find((g) => g.label === `Unit B ${tag}`)!;
      expect({ calls: rowB.calls, costMicros: rowB.costMicros, valueMicros: rowB.valueMicros }).toEqual({ calls: b.calls, costMicros: b.costMicros, valueMicros: b.valueMicros });
      expect(rowB.roi).toBeCloseTo(Number(b.valueMicros - b.costMicros) / Number(b.costMicros), 12);
      // Console calls without an app are not charged to any unit this viewer sees.
      expect(report.totals.calls).toBe(expected((c) => inRange(c) && c.appId !== null).calls);
    }
  });

  it("the monthly chargeback statement equals the raw rows, and the roll-ups equal each other", async () => {
    const statement = await getChargeback({ month: "2026-03", businessUnit: ids.buB, viewer: all });
    expect(statement.statements).toHaveLength(1);
    const b = expected((c) => c.appId === ids.appB);
    expect(statement.statements[0].totals).toEqual({ calls: b.calls, costMicros: b.costMicros, valueMicros: b.valueMicros });
    expect(statement.statements[0].lines.every((l) => l.app === `app-b-${tag} (deleted)`)).toBe(true);

    const [hourly] = await db.$queryRaw<{ calls: bigint; cost: bigint }[]>`
      SELECT sum(calls)::bigint AS calls, sum("costMicros")::bigint AS cost FROM usage_hourly WHERE "modelId" = ${ids.model}::uuid`;
    const [daily] = await db.$queryRaw<{ calls: bigint; cost: bigint; hist: bigint }[]>`
      SELECT sum(calls)::bigint AS calls, sum("costMicros")::bigint AS cost,
             (SELECT sum(x) FROM usage_daily d2, unnest(d2."latencyHist") x WHERE d2."modelId" = ${ids.model}::uuid)::bigint AS hist
        FROM usage_daily WHERE "modelId" = ${ids.model}::uuid`;
    const all600 = expected(() => true);
    expect({ calls: Number(hourly.calls), cost: hourly.cost }).toEqual({ calls: all600.calls, cost: all600.costMicros });
    expect({ calls: Number(daily.calls), cost: daily.cost, hist: Number(daily.hist) }).toEqual({ calls: all600.calls, cost: all600.costMicros, hist: all600.calls });
  });
});
