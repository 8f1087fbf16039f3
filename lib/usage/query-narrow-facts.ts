import "server-only";
import { addCompactText, addHistText } from "@/lib/usage/latency-buckets";
import { bucketCalls, histogramsOf, sumCalls, type EdgeCall } from "@/lib/usage/edge-calls";
import { rowsOf } from "@/lib/usage/rows-of";
import type { Facts, FactQuery, FactRow, Histograms } from "@/lib/usage/query-usage-facts";
import type { Segments, Span } from "@/lib/usage/time-segments";

// The unfiltered dashboards' fast path: the narrow roll-ups (usage_daily_by / usage_hourly_by, one dimension per
// key) instead of every version × app × channel row. Per-group figures (sums and latency histograms) over the
// whole days of a range are ONE difference of cumulative rows per key (usage_daily_by.cum*), whatever the range's
// length; edge hours come from usage_hourly_by, edge minutes from the invocation rows, all by narrow key.

type Dim = "model" | "app" | "channel" | "line";

/** Which narrow roll-up answers a query, or null when it needs the full roll-ups (filters, scoped viewers, versions). */
export function narrowDimension(q: FactQuery): Dim | null {
  if (q.source === "raw" || q.viewer.kind !== "all" || q.interval === "hour") return null;
  const f = q.filters ?? {};
  if (f.model || f.versionId || f.appId || f.channel) return null;
  const dim: Partial<Record<FactQuery["groupBy"], Dim>> = {
    model: "model", owner_business_unit: "model", app: "app", business_unit: "app", channel: "channel", none: "channel", statement_line: "line",
  };
  const d = dim[q.groupBy] ?? null;
  // A business-unit filter is applied through the app → team → unit mapping, so only app-based dimensions take
  // it, and only without histograms (the period histograms come from unfiltered channel rows).
  if (f.businessUnit && ((d !== "app" && d !== "line") || q.histograms)) return null;
  return d;
}

const periodExpr = (interval: FactQuery["interval"], column: string) =>
  interval ? `to_char(date_trunc('${interval}', ${column}, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` : `NULL::text`;

type Group = { key: string; label: string; businessUnit: string | null };
type SumRow = { period: string | null; key: string | null; calls: string; errors: string; cost: string; value: string; gw: number; up: number };
type Sums = { calls: bigint; errors: bigint; cost: bigint; value: bigint; gw: number; up: number };
/** A key's figures over the range's whole days: sums as cumulative(last day) − cumulative(day before the first), and
 * both cumulative histograms (e, s: null when the key has no earlier row) as three ';'-separated lists each. */
type CumRow = { key: string; e: string | null; s: string | null; calls: string; errors: string; cost: string; value: string; gw: number; up: number };
type EdgeHourRow = { key: string; buckets: string | null; calls: string; errors: string; cost: string; value: string; gw: number; up: number };
type ChannelRow = { period: string | null; key: string; l?: string; g?: string; u?: string } & Omit<SumRow, "period" | "key">;

function sumsOf<K>(map: Map<K, Sums>, id: K): Sums {
  let t = map.get(id);
  if (!t) map.set(id, (t = { calls: 0n, errors: 0n, cost: 0n, value: 0n, gw: 0, up: 0 }));
  return t;
}
function addSums(into: Sums, r: { calls: string; errors: string; cost: string; value: string; gw: number; up: number }) {
  into.calls += BigInt(r.calls);
  into.errors += BigInt(r.errors);
  into.cost += BigInt(r.cost);
  into.value += BigInt(r.value);
  into.gw += r.gw;
  into.up += r.up;
}
const sumRowOf = (period: string | null, key: string | null, t: Sums): SumRow => ({
  period, key, calls: String(t.calls), errors: String(t.errors), cost: String(t.cost), value: String(t.value), gw: t.gw, up: t.up,
});

const CONSOLE = "Console (no app)";
const appLabel = (name: string | null, deleted: boolean) => (name === null ? CONSOLE : `${name}${deleted ? " (deleted)" : ""}`);

/** A call's narrow key, as the roll-ups derive it (the raw edge minutes need no joins either): the invocation
 * columns it is made of, and the key as text from those columns (aliased c1, c2). */
const NARROW_KEY: Record<Dim, { columns: string[]; key: string }> = {
  model: { columns: [`r."modelId"`], key: `c1::text` },
  app: { columns: [`r."appId"`], key: `coalesce(c1::text, '')` },
  channel: { columns: [`r."channel"`], key: `c1::text` },
  line: { columns: [`r."modelId"`, `r."appId"`], key: `c1::text || '|' || coalesce(c2::text, '')` },
};

/** Epoch seconds of a period's start (null: no interval) → the period as the SQL formats it (ISO, UTC, no ms). */
function withPeriods<T extends { t: number | null }>(rows: T[]): (Omit<T, "t"> & { period: string | null })[] {
  const names = new Map<number, string>();
  return rows.map(({ t, ...rest }) => {
    if (t === null) return { ...rest, period: null };
    let name = names.get(t);
    if (name === undefined) names.set(t, (name = new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")));
    return { ...rest, period: name };
  });
}

/** Maps narrow keys (model ids, app ids, channels, model|app) to the query's groups, with the same keys and labels as the full path. */
async function groupsOf(q: FactQuery, dim: Dim, keys: string[]): Promise<Map<string, Group>> {
  const out = new Map<string, Group>();
  if (dim === "channel") {
    for (const k of keys) out.set(k, q.groupBy === "none" ? { key: "all", label: "All", businessUnit: null } : { key: k, label: k, businessUnit: null });
    return out;
  }
  const modelIds = dim === "app" ? [] : [...new Set(keys.map((k) => (dim === "line" ? k.split("|")[0] : k)))];
  const appIds = [...new Set(keys.map((k) => (dim === "line" ? k.split("|")[1] : k)).filter((k) => dim !== "model" && k !== ""))];
  const [models, apps] = await Promise.all([
    modelIds.length
      ? rowsOf<{ id: string; slug: string; obuId: string; obuName: string }[]>(
          `SELECT m."id"::text AS id, m."slug", obu."id"::text AS "obuId", obu."name" AS "obuName" FROM "models" m
             JOIN "teams" mt ON mt."id" = m."teamId" JOIN "business_units" obu ON obu."id" = mt."businessUnitId" WHERE m."id" = ANY($1::uuid[])`, modelIds)
      : Promise.resolve([]),
    appIds.length
      ? rowsOf<{ id: string; name: string; deleted: boolean; buId: string | null; buSlug: string | null; buName: string | null }[]>(
          `SELECT a."id"::text AS id, a."name", a."deletedAt" IS NOT NULL AS deleted, bu."id"::text AS "buId", bu."slug" AS "buSlug", bu."name" AS "buName"
             FROM "apps" a LEFT JOIN "teams" t ON t."id" = a."teamId" LEFT JOIN "business_units" bu ON bu."id" = t."businessUnitId" WHERE a."id" = ANY($1::uuid[])`, appIds)
      : Promise.resolve([]),
  ]);
  const model = new Map(models.map((m) => [m.id, m]));
  const app = new Map(apps.map((a) => [a.id, a]));
  for (const k of keys) {
    const [modelId, appId] = dim === "line" ? k.split("|") : dim === "model" ? [k, ""] : ["", k];
    const m = model.get(modelId);
    if (dim !== "app" && !m) continue; // a model deleted meanwhile: the full path's inner join drops it too
    const a = app.get(appId);
    const bu = a?.buId ? { id: a.buId, slug: a.buSlug ?? "", name: a.buName ?? "" } : null;
    const group: Group =
      q.groupBy === "model" ? { key: modelId, label: m!.slug, businessUnit: null }
      : q.groupBy === "owner_business_unit" ? { key: m!.obuId, label: m!.obuName, businessUnit: null }
      : q.groupBy === "app" ? { key: a ? a.id : "none", label: appLabel(a?.name ?? null, a?.deleted ?? false), businessUnit: bu?.slug ?? null }
      : q.groupBy === "business_unit" ? { key: bu?.id ?? "none", label: bu?.name ?? CONSOLE, businessUnit: bu?.slug ?? null }
      : {
          key: `${bu?.id ?? "none"}|${modelId}|${a ? a.id : "none"}`,
          label: JSON.stringify([bu?.slug ?? "", bu?.name ?? CONSOLE, m!.slug, appLabel(a?.name ?? null, a?.deleted ?? false)]),
          businessUnit: bu?.slug ?? null,
        };
    out.set(k, group);
  }
  return out;
}

function spansSql(column: string, spans: Span[], params: unknown[]): string {
  if (spans.length === 0) return "false";
  return spans.map((s) => {
    params.push(s.from, s.to);
    return `(${column} >= $${params.length - 1} AND ${column} < $${params.length})`;
  }).join(" OR ");
}

/** Facts for the whole days and whole hours of the range from the narrow roll-ups, and its edge minutes from the raw rows. */
export async function queryNarrowFacts(q: FactQuery, dim: Dim, seg: Segments): Promise<Facts> {
  const params: unknown[] = [dim];
  const daily = spansSql(`"day"`, seg.daily, params);
  const hourly = spansSql(`"bucket"`, seg.hourly, params);
  // Split (per period and per key, not per period × key) when the caller only needs those: 90 + 500 rows
  // instead of 45,000 for ROI by model.
  const split = q.periodGroupRows === false && q.interval !== null && !q.filters?.businessUnit;
  const wantHist = q.histograms === true;
  // Split model / app / line facts are read from the cumulative figures (two usage_daily_by rows per key for the
  // whole days) plus the key's edge-hour rows, and the period totals from the two channel rows per day or hour:
  // summing one row per key and day (44,500 rows for 500 models over 90 days) was most of the dashboards' cost.
  const cumulative = split && dim !== "channel";
  const p = q.interval ? `date_trunc('${q.interval}', r.t, 'UTC')` : "NULL::timestamptz";
  const sumsSql = `SELECT ${periodExpr(q.interval, "s.p")} AS period, s.key, s.calls, s.errors, s.cost, s.value, s.gw, s.up FROM (
    SELECT ${p} AS p, r.key, sum(r.calls)::bigint AS calls, sum(r.errors)::bigint AS errors,
      sum(r."costMicros")::bigint AS cost, sum(r."valueMicros")::bigint AS value, sum(r."gatewayMsSum")::float8 AS gw, sum(r."upstreamMsSum")::float8 AS up
    FROM (SELECT "day" AS t, key, calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum" FROM "usage_daily_by" WHERE dim = $1 AND (${daily})
          UNION ALL
          SELECT "bucket", key, calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum" FROM "usage_hourly_by" WHERE dim = $1 AND (${hourly})) r
    GROUP BY ${split ? `GROUPING SETS ((${p}), (r.key))` : "1, 2"} HAVING sum(r.calls) <> 0) s`;
  // The channel rows (two a day or hour): the period histograms, and the period totals of cumulative facts.
  const SUMS = `calls::text AS calls, errors::text AS errors, "costMicros"::text AS cost, "valueMicros"::text AS value, "gatewayMsSum" AS gw, "upstreamMsSum" AS up`;
  const channelRows = wantHist || cumulative
    ? rowsOf<ChannelRow[]>(
        `SELECT ${periodExpr(q.interval, "r.t")} AS period, r.key, r.calls, r.errors, r.cost, r.value, r.gw, r.up
                ${wantHist ? `, array_to_string(r.l, ',') AS l, array_to_string(r.g, ',') AS g, array_to_string(r.u, ',') AS u` : ""}
           FROM (SELECT "day" AS t, key, ${SUMS}, "latencyHist" AS l, "gatewayHist" AS g, "upstreamHist" AS u FROM "usage_daily_by" WHERE dim = $1 AND (${daily})
                 UNION ALL
                 SELECT "bucket", key, ${SUMS}, "latencyHist", "gatewayHist", "upstreamHist" FROM "usage_hourly_by" WHERE dim = $1 AND (${hourly})) r`,
        "channel", ...params.slice(1))
    : Promise.resolve([]);
  // Per-key figures (model / app / line dimensions): whole days as cumulative(last day) − cumulative(day before
  // the first), whole edge hours from their usage_hourly_by rows (histograms as their non-zero buckets).
  const hourParams: unknown[] = [dim];
  // Started before the sums are awaited: all queries run at once.
  const wantPerKey = (wantHist && dim !== "channel") || cumulative;
  const cumRows: Promise<CumRow[]> = wantPerKey && seg.daily.length
    ? rowsOf<CumRow[]>(
        // The cumulative histograms as stored text ("cumText"); the subtraction is done in Node (the SQL array
        // arithmetic cost ~0.1 ms a key, formatting the arrays as text ~0.05 ms).
        `SELECT k.key, ${wantHist ? `e."cumText"` : "NULL"} AS e, ${wantHist ? `s."cumText"` : "NULL"} AS s,
                (e."cumCalls" - coalesce(s."cumCalls", 0))::text AS calls, (e."cumErrors" - coalesce(s."cumErrors", 0))::text AS errors,
                (e."cumCostMicros" - coalesce(s."cumCostMicros", 0))::text AS cost, (e."cumValueMicros" - coalesce(s."cumValueMicros", 0))::text AS value,
                e."cumGatewayMsSum" - coalesce(s."cumGatewayMsSum", 0) AS gw, e."cumUpstreamMsSum" - coalesce(s."cumUpstreamMsSum", 0) AS up
           FROM (SELECT DISTINCT key FROM "usage_daily_by" WHERE dim = $1 AND "day" >= $2 AND "day" < $3) k
           JOIN LATERAL (SELECT b.* FROM "usage_daily_by" b
                          WHERE b.dim = $1 AND b.key = k.key AND b."day" < $3 ORDER BY b."day" DESC LIMIT 1) e ON true
           LEFT JOIN LATERAL (SELECT b.* FROM "usage_daily_by" b
                          WHERE b.dim = $1 AND b.key = k.key AND b."day" < $2 ORDER BY b."day" DESC LIMIT 1) s ON true`,
        dim, seg.daily[0].from, seg.daily[seg.daily.length - 1].to)
    : Promise.resolve([]);
  // The keys' labels are looked up as soon as the cumulative rows are in, while the edge queries still run (a
  // key seen only in the edges is looked up afterwards).
  const earlyGroups = cumRows.then(async (rows) => {
    const keys = rows.map((r) => r.key);
    return { checked: new Set(keys), groups: await groupsOf(q, dim, keys) };
  });
  const perKey = wantPerKey
    ? Promise.all([
        cumRows,
        seg.hourly.length
          ? rowsOf<EdgeHourRow[]>(
              // One row per key: the sums, and its edge hours' non-zero buckets as stored text ("histText") strung together
              // and added up in Node (unnesting and grouping them in SQL cost 185 ms for 11,000 rows at 10 M calls).
              `SELECT key, ${wantHist ? `string_agg("histText", ',')` : "NULL"} AS buckets, sum(calls)::text AS calls, sum(errors)::text AS errors,
                      sum("costMicros")::text AS cost, sum("valueMicros")::text AS value, sum("gatewayMsSum") AS gw, sum("upstreamMsSum") AS up
                 FROM "usage_hourly_by" WHERE dim = $1 AND (${spansSql(`"bucket"`, seg.hourly, hourParams)}) GROUP BY key`,
              ...hourParams)
          : Promise.resolve([]),
      ])
    : Promise.resolve([[], []] as const);
  // The edge minutes (a range starting or ending mid-hour) from the invocation rows, keyed like the roll-ups.
  const rawParams: unknown[] = [];
  const rawWhere = spansSql(`r."at"`, seg.raw, rawParams);
  // Grouped on the truncated time and the key's own columns, formatted per group, not per call (2.5× faster).
  const nk = NARROW_KEY[dim];
  const keyColumns = nk.columns.map((c, n) => `${c} AS c${n + 1}`).join(", ");
  const truncated = q.interval ? `date_trunc('${q.interval}', r."at", 'UTC')` : "NULL::timestamptz";
  // Per call (for the histograms): the period as epoch seconds, formatted in Node once per period.
  const edgeCalls = seg.raw.length && wantHist
    ? rowsOf<(Omit<EdgeCall, "period"> & { t: number | null })[]>(
        `SELECT s.t, ${nk.key} AS key, s.error, s.cost, s.value, s.gw, s.up
           FROM (SELECT extract(epoch FROM ${truncated})::float8 AS t, ${keyColumns}, r."statusCode" >= 400 AS error, r."costMicros"::text AS cost,
                        r."valueMicros"::text AS value, r."gatewayMs" AS gw, r."upstreamMs" AS up
                   FROM "invocations" r WHERE ${rawWhere}) s`, ...rawParams).then(withPeriods)
    : Promise.resolve([]);
  const edgeSums = seg.raw.length && !wantHist
    ? rowsOf<SumRow[]>(
        `SELECT ${periodExpr(q.interval, "s.p")} AS period, ${nk.key} AS key, s.calls::text AS calls, s.errors::text AS errors, s.cost::text AS cost,
                s.value::text AS value, s.gw, s.up
           FROM (SELECT ${truncated} AS p, ${keyColumns}, count(*) AS calls, count(*) FILTER (WHERE r."statusCode" >= 400) AS errors,
                        sum(r."costMicros") AS cost, sum(r."valueMicros") AS value, sum(r."gatewayMs") AS gw, sum(r."upstreamMs") AS up
                   FROM "invocations" r WHERE ${rawWhere} GROUP BY ${nk.columns.map((_, n) => n + 2).join(", ")}, 1) s`, ...rawParams)
    : Promise.resolve([]);
  // Awaited below; a failure surfaces there, not as an unhandled rejection meanwhile.
  for (const promise of [perKey, channelRows, edgeCalls, edgeSums, earlyGroups]) promise.catch(() => {});

  let allSums: SumRow[];
  if (cumulative) {
    const [[cum, edges], channels] = await Promise.all([perKey, channelRows]);
    const byKey = new Map<string, Sums>();
    for (const r of cum) addSums(sumsOf(byKey, r.key), r);
    for (const r of edges) addSums(sumsOf(byKey, r.key), r);
    const byPeriod = new Map<string | null, Sums>();
    for (const r of channels) addSums(sumsOf(byPeriod, r.period), r);
    allSums = [
      ...[...byPeriod].map(([period, t]) => sumRowOf(period, null, t)),
      ...[...byKey].map(([key, t]) => sumRowOf(null, key, t)),
    ].filter((r) => r.calls !== "0"); // as the SQL's HAVING sum(calls) <> 0
  } else {
    // Awaited together with the channel rows, so a failure of either is never left unhandled.
    [allSums] = await Promise.all([rowsOf<SumRow[]>(sumsSql, ...params), channelRows]);
  }
  const [calls, grouped] = await Promise.all([edgeCalls, edgeSums]);
  for (const r of wantHist ? sumCalls(calls) : grouped) {
    if (split) allSums.push({ ...r, key: null }, { ...r, period: null });
    else allSums.push(r);
  }
  const sums = allSums.filter((r): r is SumRow & { key: string } => r.key !== null);
  const keys = [...new Set(sums.map((r) => r.key))];
  const early = await earlyGroups;
  const missing = keys.filter((k) => !early.checked.has(k));
  const groups = missing.length ? new Map([...early.groups, ...(await groupsOf(q, dim, missing))]) : early.groups;

  const out = new Map<string, FactRow>();
  for (const r of sums) {
    const g = groups.get(r.key);
    if (!g) continue;
    if (q.filters?.businessUnit && g.businessUnit !== q.filters.businessUnit) continue;
    const id = `${r.period}|${g.key}`;
    let row = out.get(id);
    if (!row) out.set(id, (row = { period: r.period, key: g.key, label: g.label, calls: 0n, errors: 0n, costMicros: 0n, valueMicros: 0n, gatewayMsSum: 0, upstreamMsSum: 0 }));
    row.calls += BigInt(r.calls);
    row.errors += BigInt(r.errors);
    row.costMicros += BigInt(r.cost);
    row.valueMicros += BigInt(r.value);
    row.gatewayMsSum += Number(r.gw);
    row.upstreamMsSum += Number(r.up);
  }
  const periodHist = new Map<string, Histograms>();
  const groupHist = new Map<string, Histograms>();
  for (const r of wantHist ? await channelRows : []) {
    const targets = [histogramsOf(periodHist, r.period ?? "")];
    if (dim === "channel") targets.push(histogramsOf(groupHist, groups.get(r.key)?.key ?? r.key));
    for (const h of targets) {
      addHistText([h[0]], r.l ?? null);
      addHistText([h[1]], r.g ?? null);
      addHistText([h[2]], r.u ?? null);
    }
  }
  const [cum, edgeHours] = wantHist && dim !== "channel" ? await perKey : [[], []];
  for (const r of cum) {
    const g = groups.get(r.key);
    if (!g || r.e === null) continue;
    const h = histogramsOf(groupHist, g.key);
    addHistText(h, r.e);
    addHistText(h, r.s, -1);
  }
  for (const r of edgeHours) {
    const g = groups.get(r.key);
    if (g && r.buckets) addCompactText(histogramsOf(groupHist, g.key), r.buckets);
  }

  bucketCalls(calls, periodHist, groupHist, (key) => groups.get(key)?.key ?? null);

  const periodTotals = split
    ? allSums.filter((r) => r.key === null).map((r): FactRow => ({
        period: r.period, key: "all", label: "All", calls: BigInt(r.calls), errors: BigInt(r.errors), costMicros: BigInt(r.cost),
        valueMicros: BigInt(r.value), gatewayMsSum: Number(r.gw), upstreamMsSum: Number(r.up),
      }))
    : undefined;
  return { rows: [...out.values()], periodHist, groupHist, periodTotals };
}
