import "server-only";
import { bucketCalls, histogramsOf, sumCalls, type EdgeCall } from "@/lib/usage/edge-calls";
import { BUCKET_COUNT } from "@/lib/usage/latency-buckets";
import { rowsOf } from "@/lib/usage/rows-of";
import { narrowDimension, queryNarrowFacts } from "@/lib/usage/query-narrow-facts";
import { splitRange, type Interval, type Span } from "@/lib/usage/time-segments";
import { viewerCondition, type UsageViewer } from "@/lib/usage/usage-viewer";

export type FactGroup = "model" | "version" | "app" | "business_unit" | "owner_business_unit" | "channel" | "statement_line" | "none";
export type FactFilters = { model?: string; versionId?: string; appId?: string; businessUnit?: string; channel?: "api" | "console" };

export type FactRow = {
  period: string | null;
  key: string;
  label: string;
  calls: bigint;
  errors: bigint;
  costMicros: bigint;
  valueMicros: bigint;
  gatewayMsSum: number;
  upstreamMsSum: number;
};

/** Total (gateway + model), gateway-only and model-only latency histograms (lib/usage/latency-buckets.ts). */
export type Histograms = [number[], number[], number[]];

export type Facts = {
  rows: FactRow[];
  /** Merged histograms per period and per group (not per period × group: that product is what makes merging slow). */
  periodHist: Map<string, Histograms>;
  /** Only with periodGroupRows = false (and when the source can): rows are then one per group for the whole
   * range (period null), and these one per period (key "all"). */
  periodTotals?: FactRow[];
  groupHist: Map<string, Histograms>;
};

export type FactQuery = {
  from: Date;
  to: Date;
  /** null = one row per group for the whole range. */
  interval: Interval | null;
  groupBy: FactGroup;
  filters?: FactFilters;
  viewer: UsageViewer;
  /** Latency histograms cost most of a roll-up query; ROI and chargeback do not need them. */
  histograms?: boolean;
  /** false: the caller needs per-period totals and per-group totals, not every period × group row (ROI). */
  periodGroupRows?: boolean;
  /** "raw" answers from invocations alone (the benchmark's baseline and the tests' cross-check). */
  source?: "rollup" | "raw";
};

const GROUPS: Record<FactGroup, { key: string; label: string }> = {
  model: { key: `m."id"::text`, label: `m."slug"` },
  version: { key: `v."id"::text`, label: `m."slug" || '@' || v."version"` },
  app: { key: `coalesce(a."id"::text, 'none')`, label: `coalesce(a."name" || CASE WHEN a."deletedAt" IS NULL THEN '' ELSE ' (deleted)' END, 'Console (no app)')` },
  business_unit: { key: `coalesce(bu."id"::text, 'none')`, label: `coalesce(bu."name", 'Console (no app)')` },
  owner_business_unit: { key: `obu."id"::text`, label: `obu."name"` },
  channel: { key: `r."channel"::text`, label: `r."channel"::text` },
  // One chargeback line: consuming business unit × model × app (label = JSON array of the three names).
  statement_line: {
    key: `coalesce(bu."id"::text, 'none') || '|' || m."id"::text || '|' || coalesce(a."id"::text, 'none')`,
    label: `json_build_array(coalesce(bu."slug", ''), coalesce(bu."name", 'Console (no app)'), m."slug", coalesce(a."name" || CASE WHEN a."deletedAt" IS NULL THEN '' ELSE ' (deleted)' END, 'Console (no app)'))::text`,
  },
  none: { key: `'all'`, label: `'All'` },
};

const JOINS = `JOIN "models" m ON m."id" = r."modelId" JOIN "model_versions" v ON v."id" = r."versionId"
  LEFT JOIN "apps" a ON a."id" = r."appId" LEFT JOIN "teams" at ON at."id" = a."teamId"
  LEFT JOIN "business_units" bu ON bu."id" = at."businessUnitId"
  JOIN "teams" mt ON mt."id" = m."teamId" JOIN "business_units" obu ON obu."id" = mt."businessUnitId"`;

function whereClause(q: FactQuery, timeColumn: string, spans: Span[], params: unknown[]): string {
  const parts = [viewerCondition(q.viewer, params)];
  const times = spans.map((s) => {
    params.push(s.from, s.to);
    return `(r."${timeColumn}" >= $${params.length - 1} AND r."${timeColumn}" < $${params.length})`;
  });
  parts.push(`(${times.join(" OR ")})`);
  const f = q.filters ?? {};
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace("?", `$${params.length}`));
  };
  if (f.model) add(`m."slug" = ?`, f.model);
  if (f.versionId) add(`v."id" = ?::uuid`, f.versionId);
  if (f.appId) add(`a."id" = ?::uuid`, f.appId);
  if (f.businessUnit) add(`bu."slug" = ?`, f.businessUnit);
  if (f.channel) add(`r."channel" = ?::"Channel"`, f.channel);
  return parts.join(" AND ");
}

const periodExpr = (interval: Interval | null, column: string) =>
  interval ? `to_char(date_trunc('${interval}', r."${column}", 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` : `NULL::text`;

type SqlRow = { period: string | null; key: string; label: string; calls: string; errors: string; cost: string | null; value: string | null; gw: number | null; up: number | null };
type HistRow = { byPeriod: boolean; period: string | null; key: string | null; i: number; l: string; g: string; u: string };

async function rollupRows(q: FactQuery, table: "usage_daily" | "usage_hourly", spans: Span[]): Promise<{ rows: SqlRow[]; hist: HistRow[] }> {
  if (spans.length === 0) return { rows: [], hist: [] };
  const params: unknown[] = [];
  const column = table === "usage_daily" ? "day" : "bucket";
  const g = GROUPS[q.groupBy];
  const from = `FROM "${table}" r ${JOINS} WHERE ${whereClause(q, column, spans, params)}`;
  const sql = `SELECT ${periodExpr(q.interval, column)} AS period, ${g.key} AS key, ${g.label} AS label,
      sum(r."calls")::bigint AS calls, sum(r."errors")::bigint AS errors, sum(r."costMicros")::bigint AS cost,
      sum(r."valueMicros")::bigint AS value, sum(r."gatewayMsSum")::float8 AS gw, sum(r."upstreamMsSum")::float8 AS up
    ${from} GROUP BY 1, 2, 3`;
  // usage_daily carries its non-zero buckets packed (kind << 48 | bucket << 40 | count); usage_hourly is unnested
  // (each array detoasted once per row) and its zero buckets dropped before the small hash aggregation.
  const buckets = table === "usage_daily"
    ? `CROSS JOIN LATERAL (SELECT (v >> 48)::int AS kind, ((v >> 40) & 255)::int AS i, v & 1099511627775 AS n FROM unnest(r."histSparse") AS v) AS s
       CROSS JOIN LATERAL (SELECT s.i AS i, CASE WHEN s.kind = 0 THEN s.n ELSE 0 END AS l, CASE WHEN s.kind = 1 THEN s.n ELSE 0 END AS g,
                                  CASE WHEN s.kind = 2 THEN s.n ELSE 0 END AS u) AS x WHERE`
    : `CROSS JOIN LATERAL (SELECT y.i - 1 AS i, y.l, y.g, y.u FROM unnest(r."latencyHist", r."gatewayHist", r."upstreamHist") WITH ORDINALITY AS y(l, g, u, i)
                          WHERE y.l <> 0 OR y.g <> 0 OR y.u <> 0) AS x WHERE`;
  const histSql = `SELECT GROUPING(p.period) = 0 AS "byPeriod", p.period, p.key, p.i::int AS i, sum(p.l)::bigint AS l, sum(p.g)::bigint AS g, sum(p.u)::bigint AS u
    FROM (SELECT ${periodExpr(q.interval, column)} AS period, ${g.key} AS key, x.i, x.l, x.g, x.u ${from.replace("WHERE", buckets)}) p
    GROUP BY GROUPING SETS ((p.period, p.i), (p.key, p.i))`;
  const [rows, hist] = await Promise.all([
    rowsOf<SqlRow[]>(sql, ...params),
    q.histograms ? rowsOf<HistRow[]>(histSql, ...params) : Promise.resolve([]),
  ]);
  return { rows, hist };
}

async function rawRows(q: FactQuery, spans: Span[]): Promise<{ rows: SqlRow[]; hist: HistRow[] }> {
  if (spans.length === 0) return { rows: [], hist: [] };
  const g = GROUPS[q.groupBy];
  const params: unknown[] = [];
  const where = whereClause(q, "at", spans, params);
  const sql = `SELECT ${periodExpr(q.interval, "at")} AS period, ${g.key} AS key, ${g.label} AS label, count(*)::bigint AS calls,
      (count(*) FILTER (WHERE r."statusCode" >= 400))::bigint AS errors, sum(r."costMicros")::bigint AS cost,
      sum(r."valueMicros")::bigint AS value, sum(r."gatewayMs")::float8 AS gw, sum(r."upstreamMs")::float8 AS up
    FROM "invocations" r ${JOINS} WHERE ${where} GROUP BY 1, 2, 3`;
  const histSql = `SELECT GROUPING(p.period) = 0 AS "byPeriod", p.period, p.key, p.i, sum(p.l)::bigint AS l, sum(p.g)::bigint AS g, sum(p.u)::bigint AS u
    FROM (SELECT ${periodExpr(q.interval, "at")} AS period, ${g.key} AS key, h.i, h.l, h.g, h.u
            FROM "invocations" r ${JOINS}
            CROSS JOIN LATERAL (VALUES (modelport_latency_bucket_fast(r."gatewayMs" + r."upstreamMs"), 1, 0, 0),
              (modelport_latency_bucket_fast(r."gatewayMs"), 0, 1, 0), (modelport_latency_bucket_fast(r."upstreamMs"), 0, 0, 1)) AS h(i, l, g, u)
           WHERE ${where}) p
    GROUP BY GROUPING SETS ((p.period, p.i), (p.key, p.i))`;
  if (q.histograms && q.source !== "raw") {
    // Edge minutes (a roll-up query's partial hours: a few thousand rows) in ONE scan, summed and bucketed in
    // Node: a quarter of the cost of SQL's three-bucket grouping sets, and half of a second scan for the sums.
    const calls = await rowsOf<EdgeCall[]>(
      `SELECT ${periodExpr(q.interval, "at")} AS period, ${g.key} AS key, ${g.label} AS label, r."statusCode" >= 400 AS error,
              r."costMicros"::text AS cost, r."valueMicros"::text AS value, r."gatewayMs" AS gw, r."upstreamMs" AS up
         FROM "invocations" r ${JOINS} WHERE ${where}`, ...params);
    const periodHist = new Map<string, Histograms>();
    const groupHist = new Map<string, Histograms>();
    bucketCalls(calls, periodHist, groupHist, (key) => key);
    return { rows: sumCalls(calls), hist: histRowsOf(periodHist, groupHist) };
  }
  const [rows, hist] = await Promise.all([
    rowsOf<SqlRow[]>(sql, ...params),
    q.histograms ? rowsOf<HistRow[]>(histSql, ...params) : Promise.resolve([]),
  ]);
  return { rows, hist };
}

/** Per-period and per-group histograms as the HistRows of mergeParts (non-zero buckets only). */
function histRowsOf(periodHist: Map<string, Histograms>, groupHist: Map<string, Histograms>): HistRow[] {
  const out: HistRow[] = [];
  for (const [byPeriod, map] of [[true, periodHist], [false, groupHist]] as const) {
    for (const [id, h] of map) {
      for (let i = 0; i < BUCKET_COUNT; i++) {
        if (h[0][i] || h[1][i] || h[2][i]) {
          out.push({ byPeriod, period: byPeriod ? id : null, key: byPeriod ? null : id, i, l: String(h[0][i]), g: String(h[1][i]), u: String(h[2][i]) });
        }
      }
    }
  }
  return out;
}

/**
 * Calls, errors, cost, value and latency sums per (period, group) over [from, to), plus merged latency
 * histograms per period and per group, exact to the millisecond: whole days from usage_daily, whole hours from
 * usage_hourly, partial hours from invocations.
 */
export async function queryUsageFacts(q: FactQuery): Promise<Facts> {
  const seg = q.source === "raw" ? { daily: [], hourly: [], raw: [{ from: q.from, to: q.to }] } : splitRange(q.from, q.to, q.interval ?? "day");
  const dim = narrowDimension(q);
  // Unfiltered views: the narrow roll-ups for whole days and hours, raw rows for the edge minutes.
  if (dim) return queryNarrowFacts(q, dim, seg);
  const parts = await Promise.all([rollupRows(q, "usage_daily", seg.daily), rollupRows(q, "usage_hourly", seg.hourly), rawRows(q, seg.raw)]);
  return mergeParts(parts, { rows: [], periodHist: new Map(), groupHist: new Map() });
}

/** Adds SQL parts (rows per period × group, histogram buckets per period and per group) to `into`. */
function mergeParts(parts: { rows: SqlRow[]; hist: HistRow[] }[], into: Facts): Facts {
  const out = new Map<string, FactRow>(into.rows.map((r) => [`${r.period}|${r.key}`, r]));
  const { periodHist, groupHist } = into;
  for (const part of parts) {
    for (const r of part.rows) {
      const id = `${r.period}|${r.key}`;
      let row = out.get(id);
      if (!row) {
        row = { period: r.period, key: r.key, label: r.label, calls: 0n, errors: 0n, costMicros: 0n, valueMicros: 0n, gatewayMsSum: 0, upstreamMsSum: 0 };
        out.set(id, row);
      }
      row.calls += BigInt(r.calls ?? 0);
      row.errors += BigInt(r.errors ?? 0);
      row.costMicros += BigInt(r.cost ?? 0);
      row.valueMicros += BigInt(r.value ?? 0);
      row.gatewayMsSum += Number(r.gw ?? 0);
      row.upstreamMsSum += Number(r.up ?? 0);
    }
    for (const h of part.hist) {
      const map = h.byPeriod ? periodHist : groupHist;
      const id = (h.byPeriod ? h.period : h.key) ?? "";
      const hist = histogramsOf(map, id);
      hist[0][h.i] += Number(h.l);
      hist[1][h.i] += Number(h.g);
      hist[2][h.i] += Number(h.u);
    }
  }
  return { rows: [...out.values()], periodHist, groupHist };
}
