// Every figure the dashboards show must equal what the raw invocation rows say. On a database of its own (so
// "everything" is exactly this test's data), calls are recorded through the real recorder — including calls made
// a moment ago, in the current hour — and folded by the real fold; then every view (usage with percentiles, ROI,
// chargeback; unfiltered, filtered and scoped; paged) is compared with the same report computed here from the
// invocation rows, over ranges snapped to whole hours.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { latencyBucket, percentileFromHistogram } from "@/lib/usage/latency-buckets";
import type { InvocationRecord } from "@/lib/usage/recorder/types";
import type { UsageViewer } from "@/lib/usage/usage-viewer";
import { CHANNEL_LABELS, type ChannelName } from "@/lib/usage/schemas";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const tag = randomBytes(3).toString("hex");
const now = Date.now();
let client: pg.Client;
let seed = 20261203;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** One invocation row with everything a report can group or filter by. */
type Raw = {
  at: number;
  status: number;
  gw: number;
  up: number;
  cost: bigint;
  value: bigint;
  channel: ChannelName;
  model: string;
  modelSlug: string;
  modelTeam: string;
  ownerUnit: string;
  ownerUnitName: string;
  version: string;
  versionName: string;
  app: string | null;
  appName: string | null;
  appDeleted: boolean;
  appTeam: string | null;
  unit: string | null;
  unitSlug: string | null;
  unitName: string | null;
};
let raw: Raw[] = [];
const teams: string[] = [];
const ids = { models: [] as { id: string; versions: string[] }[], apps: [] as string[], expectedModel: "" };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase(); // before lib/server/db opens the process's pool
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const one = async (text: string, params: unknown[]) => (await client.query<{ id: string }>(text, params)).rows[0].id;
  for (const n of [1, 2, 3]) {
    const unit = await one(
      `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $1) RETURNING id`,
      [`bu${n}-${tag}`, `Unit ${n} ${tag}`],
    );
    teams.push(
      await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
        `t${n}-${tag}`,
        unit,
      ]),
    );
  }
  for (const n of [1, 2, 3]) {
    const model = await one(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "expectedMonthlyValueMicros", "updatedAt")
      VALUES (gen_random_uuid(), $1, $2, $3, $2, 't', 'onnx', $4, now()) RETURNING id`,
      [teams[n - 1], `m${n}`, `t${n}-${tag}/m${n}`, n === 1 ? "90000000" : null],
    );
    const versions = [];
    for (const major of [1, 2]) {
      versions.push(
        await one(
          `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", "updatedAt")
        VALUES (gen_random_uuid(), $1, $2, $3, 0, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":5}', now()) RETURNING id`,
          [model, `${major}.0.0`, major],
        ),
      );
    }
    ids.models.push({ id: model, versions });
  }
  ids.expectedModel = ids.models[0].id;
  for (const n of [1, 2, 3, 4])
    ids.apps.push(
      await one(`INSERT INTO apps (id, name, "teamId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [`app${n}-${tag}`, teams[n % 3]]),
    );

  // Six days of calls up to a moment ago, a dozen of them in the current hour, recorded by the gateway's recorder.
  const { recordInvocation } = await import("@/lib/usage/recorder/record-invocation");
  const calls: InvocationRecord[] = [];
  for (let i = 0; i < 1400; i++) {
    const at = i < 12 ? now - Math.floor(rand() * Math.min(now % HOUR, 60_000)) : now - Math.floor(rand() * 6 * DAY);
    const m = ids.models[Math.floor(rand() * 3)];
    const pick = rand();
    const console = pick < 0.1;
    const status = rand() < 0.08 ? 502 : rand() < 0.03 ? 422 : 200;
    calls.push({
      at: new Date(at),
      requestId: `c${i}-${tag}`,
      modelId: m.id,
      versionId: m.versions[rand() < 0.3 ? 0 : 1],
      appId: console ? null : ids.apps[Math.floor(rand() * 4)],
      apiKeyId: null,
      userId: null,
      channel: console ? "console" : pick > 0.85 ? "openai" : "api", // some apps call through the OpenAI-compatible door
      statusCode: status,
      errorCode: null,
      gatewayMs: 0.05 + rand() * 5,
      upstreamMs: status === 422 ? 0 : rand() * 2500,
      bytesIn: 5,
      bytesOut: 9,
      tokensIn: null,
      tokensOut: null,
      costMicros: BigInt(Math.floor(rand() * 50_000)),
      valueMicros: status < 400 ? 30_000n : 0n,
    });
  }
  await Promise.all(calls.map((c) => recordInvocation(c)));
  const { kdb } = await import("@/lib/server/db");
  const { flushRollups } = await import("@/lib/usage/rollups/rollup-worker");
  expect(await flushRollups(kdb())).toBe(calls.length);
  // App 2 is deleted afterwards: its history still counts everywhere, labelled "(deleted)".
  await client.query(`UPDATE apps SET "deletedAt" = now() WHERE id = $1`, [ids.apps[1]]);

  raw = (
    await client.query(`
    SELECT extract(epoch FROM i.at) * 1000 AS at, i."statusCode" AS status, i."gatewayMs" AS gw, i."upstreamMs" AS up, i."costMicros"::text AS cost,
           i."valueMicros"::text AS value, i.channel, m.id AS model, m.slug AS "modelSlug", m."teamId" AS "modelTeam", obu.id AS "ownerUnit",
           obu.name AS "ownerUnitName", v.id AS version, v.version AS "versionName", a.id AS app, a.name AS "appName", a."deletedAt" IS NOT NULL AS "appDeleted",
           a."teamId" AS "appTeam", bu.id AS unit, bu.slug AS "unitSlug", bu.name AS "unitName"
      FROM invocations i JOIN models m ON m.id = i."modelId" JOIN teams mt ON mt.id = m."teamId" JOIN business_units obu ON obu.id = mt."businessUnitId"
      JOIN model_versions v ON v.id = i."versionId" LEFT JOIN apps a ON a.id = i."appId" LEFT JOIN teams at ON at.id = a."teamId"
      LEFT JOIN business_units bu ON bu.id = at."businessUnitId"`)
  ).rows.map((r) => ({ ...r, at: Math.round(Number(r.at)), cost: BigInt(r.cost), value: BigInt(r.value) }));
  expect(raw).toHaveLength(calls.length);
}, 180_000);

afterAll(async () => {
  await client?.end();
  const { pool } = await import("@/lib/server/db");
  await pool().end();
});

// ---- the reports, computed from the invocation rows --------------------------------------------------------

type GroupBy = "model" | "version" | "app" | "business_unit" | "owner_business_unit" | "channel";
type Filters = { model?: string; version?: string; app?: string; businessUnit?: string; channel?: ChannelName };
const CONSOLE = "Console (no app)";

const group = (c: Raw, by: GroupBy): { key: string; label: string } => {
  switch (by) {
    case "model":
      return { key: c.model, label: c.modelSlug };
    case "version":
      return { key: c.version, label: `${c.modelSlug}@${c.versionName}` };
    case "app":
      return c.app ? { key: c.app, label: `${c.appName}${c.appDeleted ? " (deleted)" : ""}` } : { key: "none", label: CONSOLE };
    case "business_unit":
      return c.unit ? { key: c.unit, label: c.unitName! } : { key: "none", label: CONSOLE };
    case "owner_business_unit":
      return { key: c.ownerUnit, label: c.ownerUnitName };
    case "channel":
      return { key: c.channel, label: CHANNEL_LABELS[c.channel] };
  }
};
const sees = (v: UsageViewer, c: Raw) =>
  v.kind === "all" ||
  (v.kind === "app" ? c.app === v.appId : v.teamIds.includes(c.appTeam ?? "") || (v.includeOwnedModels && v.teamIds.includes(c.modelTeam)));
const matches = (f: Filters, c: Raw) =>
  (!f.model || c.modelSlug === f.model) &&
  (!f.version || c.version === f.version) &&
  (!f.app || c.app === f.app) &&
  (!f.businessUnit || c.unitSlug === f.businessUnit) &&
  (!f.channel || c.channel === f.channel);
const snap = (from: Date, to: Date) => ({ from: Math.floor(from.getTime() / HOUR) * HOUR, to: Math.ceil(to.getTime() / HOUR) * HOUR });
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const periodOf = (ms: number, interval: "hour" | "day" | "week") => {
  if (interval === "hour") return iso(Math.floor(ms / HOUR) * HOUR);
  const day = Math.floor(ms / DAY) * DAY;
  return iso(interval === "day" ? day : day - ((new Date(day).getUTCDay() + 6) % 7) * DAY); // weeks start on Monday
};
const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);

function stats(list: Raw[]) {
  const hists = [[], [], []] as number[][];
  for (const c of list) {
    for (const [k, ms] of [c.gw + c.up, c.gw, c.up].entries()) {
      const b = latencyBucket(ms);
      for (let i = hists[k].length; i <= b; i++) hists[k].push(0);
      hists[k][b] += 1;
    }
  }
  const p = (h: number[]) => ({
    p50: percentileFromHistogram(h, 0.5),
    p95: percentileFromHistogram(h, 0.95),
    p99: percentileFromHistogram(h, 0.99),
  });
  const errors = list.filter((c) => c.status >= 400).length;
  return {
    calls: list.length,
    errors,
    errorRate: list.length ? errors / list.length : null,
    costMicros: list.reduce((s, c) => s + c.cost, 0n),
    valueMicros: list.reduce((s, c) => s + c.value, 0n),
    latencyMs: { total: p(hists[0]), gateway: p(hists[1]), model: p(hists[2]) },
  };
}

function groupsOf(list: Raw[], key: (c: Raw) => { key: string; label: string }) {
  const out = new Map<string, { key: string; label: string; calls: Raw[] }>();
  for (const c of list) {
    const g = key(c);
    if (!out.has(g.key)) out.set(g.key, { ...g, calls: [] });
    out.get(g.key)!.calls.push(c);
  }
  return [...out.values()];
}

type UsageArgs = {
  from: Date;
  to: Date;
  groupBy: Exclude<GroupBy, "owner_business_unit">;
  interval: "hour" | "day" | "week";
  filters?: Filters;
  page?: number;
  pageSize?: number;
};
function expectedUsage(a: UsageArgs, viewer: UsageViewer) {
  const span = snap(a.from, a.to);
  const list = raw.filter((c) => c.at >= span.from && c.at < span.to && sees(viewer, c) && matches(a.filters ?? {}, c));
  const page = a.page ?? 1;
  const pageSize = a.pageSize ?? 25;
  const groups = groupsOf(list, (c) => group(c, a.groupBy)).sort((x, y) => y.calls.length - x.calls.length || byLabel(x, y));
  return {
    from: new Date(span.from).toISOString(),
    to: new Date(span.to).toISOString(),
    interval: a.interval,
    groupBy: a.groupBy,
    totals: stats(list),
    series: groupsOf(list, (c) => ({ key: periodOf(c.at, a.interval), label: "" }))
      .sort((x, y) => x.key.localeCompare(y.key))
      .map((p) => ({ period: p.key, ...stats(p.calls) })),
    groups: groups.slice((page - 1) * pageSize, page * pageSize).map((g) => ({ key: g.key, label: g.label, ...stats(g.calls) })),
    page,
    pageSize,
    groupCount: groups.length,
  };
}

function expectedRoi(a: { from: Date; to: Date; groupBy: GroupBy; interval: "day" | "week" }, viewer: UsageViewer) {
  const span = snap(a.from, a.to);
  const list = raw.filter((c) => c.at >= span.from && c.at < span.to && sees(viewer, c));
  const figures = (l: Raw[]) => {
    const cost = l.reduce((s, c) => s + c.cost, 0n);
    const value = l.reduce((s, c) => s + c.value, 0n);
    return {
      calls: l.length,
      costMicros: cost,
      valueMicros: value,
      netMicros: value - cost,
      roi: cost === 0n ? null : Number(value - cost) / Number(cost),
    };
  };
  const months = (span.to - span.from) / ((365.25 / 12) * DAY);
  return {
    from: new Date(span.from).toISOString(),
    to: new Date(span.to).toISOString(),
    groupBy: a.groupBy,
    totals: figures(list),
    trend: groupsOf(list, (c) => ({ key: periodOf(c.at, a.interval), label: "" }))
      .sort((x, y) => x.key.localeCompare(y.key))
      .map((p) => ({ period: p.key, ...figures(p.calls) })),
    groups: groupsOf(list, (c) => group(c, a.groupBy))
      .map((g) => ({
        key: g.key,
        label: g.label,
        ...figures(g.calls),
        expectedValueMicros: a.groupBy === "model" && g.key === ids.expectedModel ? BigInt(Math.round(90_000_000 * months)) : null,
      }))
      .sort((x, y) => (y.netMicros > x.netMicros ? 1 : y.netMicros < x.netMicros ? -1 : byLabel(x, y))),
  };
}

function expectedChargeback(month: string, viewer: UsageViewer, businessUnit?: string) {
  const [y, m] = month.split("-").map(Number);
  const list = raw.filter(
    (c) => c.at >= Date.UTC(y, m - 1, 1) && c.at < Date.UTC(y, m, 1) && sees(viewer, c) && (!businessUnit || c.unitSlug === businessUnit),
  );
  const units = groupsOf(list, (c) => ({ key: c.unitSlug ?? "none", label: c.unitName ?? CONSOLE })).sort(byLabel);
  const money = (l: Raw[]) => ({
    calls: l.length,
    costMicros: l.reduce((s, c) => s + c.cost, 0n),
    valueMicros: l.reduce((s, c) => s + c.value, 0n),
  });
  return {
    month,
    statements: units.map((u) => ({
      businessUnit: { slug: u.key === "none" ? null : u.key, name: u.label },
      totals: money(u.calls),
      lines: groupsOf(u.calls, (c) => ({ key: `${c.model}|${c.app}`, label: "" }))
        .map((l) => ({ model: l.calls[0].modelSlug, app: group(l.calls[0], "app").label, ...money(l.calls) }))
        .sort((x, y) => x.model.localeCompare(y.model) || x.app.localeCompare(y.app)),
    })),
  };
}

// ---- the comparison ---------------------------------------------------------------------------------------------

const ALL: UsageViewer = { kind: "all" };
const ranges = () => {
  const to = new Date(now);
  return [
    { name: "3 days up to now (current hour included)", from: new Date(now - 3 * DAY - 5 * HOUR - 17 * 60_000 - 13_000), to },
    {
      name: "mid-hour to mid-hour, two days in the past",
      from: new Date(now - 5 * DAY + 7 * 60_000),
      to: new Date(now - 2 * DAY - 43 * 60_000),
    },
    { name: "a few hours inside one day", from: new Date(now - 30 * HOUR), to: new Date(now - 26 * HOUR) },
    { name: "the last 24 hours", from: new Date(now - DAY), to },
    {
      name: "whole days, more than the data",
      from: new Date(Math.floor(now / DAY) * DAY - 8 * DAY),
      to: new Date(Math.ceil(now / DAY) * DAY),
    },
  ];
};

describe("the dashboards equal the raw invocation rows", () => {
  it("usage with percentiles for totals, series and a page of groups: every grouping and interval, unfiltered (narrow roll-ups)", async () => {
    const { getUsage } = await import("@/lib/usage/get-usage");
    const { usageQuerySchema } = await import("@/lib/usage/schemas");
    let compared = 0;
    for (const r of ranges()) {
      for (const groupBy of ["model", "version", "app", "business_unit", "channel"] as const) {
        for (const interval of ["hour", "day", "week"] as const) {
          const args = { from: r.from, to: r.to, groupBy, interval };
          const query = usageQuerySchema.parse({ from: r.from.toISOString(), to: r.to.toISOString(), groupBy, interval });
          const report = await getUsage({ query, viewer: ALL });
          expect(report, `${r.name}, ${groupBy}, ${interval}`).toEqual(expectedUsage(args, ALL));
          compared++;
        }
      }
    }
    const everything = ranges()[4];
    expect(expectedUsage({ ...everything, groupBy: "app", interval: "day" }, ALL).totals.calls).toBe(raw.length);
    expect(compared).toBe(75);
  });

  it("pages the per-group table, percentiles merged for the page's groups", async () => {
    const { getUsage } = await import("@/lib/usage/get-usage");
    const { usageQuerySchema } = await import("@/lib/usage/schemas");
    const r = ranges()[0];
    for (const groupBy of ["app", "version"] as const) {
      const pages = Math.ceil(expectedUsage({ ...r, groupBy, interval: "day" }, ALL).groupCount / 2);
      expect(pages).toBeGreaterThan(2);
      for (let page = 1; page <= pages + 1; page++) {
        const query = usageQuerySchema.parse({
          from: r.from.toISOString(),
          to: r.to.toISOString(),
          groupBy,
          interval: "day",
          page: String(page),
          pageSize: "2",
        });
        expect(await getUsage({ query, viewer: ALL })).toEqual(expectedUsage({ ...r, groupBy, interval: "day", page, pageSize: 2 }, ALL));
      }
    }
  });

  it("filtered and scoped usage (full-key roll-ups): model, version, app, unit and channel filters; team and API-key viewers", async () => {
    const { getUsage } = await import("@/lib/usage/get-usage");
    const { usageQuerySchema } = await import("@/lib/usage/schemas");
    const viewers: UsageViewer[] = [
      ALL,
      { kind: "teams", teamIds: [teams[0]], includeOwnedModels: true },
      { kind: "teams", teamIds: [teams[1], teams[2]], includeOwnedModels: false },
      { kind: "app", appId: ids.apps[2] },
    ];
    const filters: Filters[] = [
      {},
      { model: `t2-${tag}/m2` },
      { version: ids.models[0].versions[1] },
      { app: ids.apps[1] },
      { businessUnit: `bu3-${tag}` },
      { channel: "console" },
      { channel: "openai" },
    ];
    for (const r of ranges().slice(0, 3)) {
      for (const viewer of viewers) {
        for (const f of filters) {
          if (viewer.kind === "all" && Object.keys(f).length === 0) continue; // the narrow path, above
          for (const [groupBy, interval] of [
            ["model", "day"],
            ["version", "hour"],
            ["business_unit", "week"],
            ["app", "day"],
            ["channel", "day"],
          ] as const) {
            const query = usageQuerySchema.parse({ from: r.from.toISOString(), to: r.to.toISOString(), groupBy, interval, ...f });
            expect(await getUsage({ query, viewer }), `${r.name}, ${viewer.kind}, ${JSON.stringify(f)}, ${groupBy}`).toEqual(
              expectedUsage({ from: r.from, to: r.to, groupBy, interval, filters: f }, viewer),
            );
          }
        }
      }
    }
  });

  it("ROI by model (with the prorated expected value), version, app, consuming and owning unit; unfiltered and scoped", async () => {
    const { getRoi } = await import("@/lib/usage/get-roi");
    const { roiQuerySchema } = await import("@/lib/usage/schemas");
    const viewers: UsageViewer[] = [ALL, { kind: "teams", teamIds: [teams[2]], includeOwnedModels: true }];
    for (const viewer of viewers) {
      for (const r of ranges()) {
        for (const groupBy of ["model", "version", "app", "business_unit", "owner_business_unit"] as const) {
          for (const interval of ["day", "week"] as const) {
            const query = roiQuerySchema.parse({ from: r.from.toISOString(), to: r.to.toISOString(), groupBy, interval });
            expect(await getRoi({ query, viewer }), `${r.name}, ${viewer.kind}, ${groupBy}, ${interval}`).toEqual(
              expectedRoi({ from: r.from, to: r.to, groupBy, interval }, viewer),
            );
          }
        }
      }
    }
  });

  it("the monthly chargeback statement: every unit or one, everything or a team's share, deleted apps and console calls included", async () => {
    const { getChargeback } = await import("@/lib/usage/get-chargeback");
    const months = [...new Set(raw.map((c) => new Date(c.at).toISOString().slice(0, 7)))];
    let lines = 0;
    for (const month of months) {
      for (const viewer of [ALL, { kind: "teams", teamIds: [teams[0]], includeOwnedModels: false }] satisfies UsageViewer[]) {
        for (const unit of [undefined, `bu2-${tag}`]) {
          const statement = await getChargeback({ month, businessUnit: unit, viewer });
          expect(statement, `${month}, ${viewer.kind}, ${unit}`).toEqual(expectedChargeback(month, viewer, unit));
          lines += statement.statements.flatMap((s) => s.lines).length;
        }
      }
    }
    expect(lines).toBeGreaterThan(20);
    const all = await getChargeback({ month: months.at(-1)!, viewer: ALL });
    expect(all.statements.some((s) => s.businessUnit.slug === null)).toBe(true);
    expect(all.statements.flatMap((s) => s.lines).some((l) => l.app.endsWith("(deleted)"))).toBe(true);
  });

  it("shows a call made now in every view within seconds, through the same recorder and fold", async () => {
    const { recordInvocation } = await import("@/lib/usage/recorder/record-invocation");
    const { kdb } = await import("@/lib/server/db");
    const { flushRollups } = await import("@/lib/usage/rollups/rollup-worker");
    const { getUsage } = await import("@/lib/usage/get-usage");
    const { usageQuerySchema } = await import("@/lib/usage/schemas");
    const query = () =>
      usageQuerySchema.parse({ from: new Date(Date.now() - HOUR / 2).toISOString(), to: new Date().toISOString(), groupBy: "model" });
    const before = await getUsage({ query: query(), viewer: ALL });
    const m = ids.models[2];
    await recordInvocation({
      at: new Date(),
      requestId: `now-${tag}`,
      modelId: m.id,
      versionId: m.versions[0],
      appId: ids.apps[0],
      apiKeyId: null,
      userId: null,
      channel: "api",
      statusCode: 200,
      errorCode: null,
      gatewayMs: 1,
      upstreamMs: 10,
      bytesIn: 1,
      bytesOut: 1,
      tokensIn: null,
      tokensOut: null,
      costMicros: 7n,
      valueMicros: 30_000n,
    });
    await flushRollups(kdb());
    const after = await getUsage({ query: query(), viewer: ALL });
    expect(after.totals.calls).toBe(before.totals.calls + 1);
    expect(after.groups.find((g) => g.key === m.id)!.calls).toBe((before.groups.find((g) => g.key === m.id)?.calls ?? 0) + 1);
  });
});
