import "server-only";
import { db } from "@/lib/db";
import { BUCKET_COUNT } from "@/lib/usage/latency-buckets";
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
  /** Total (gateway + model), gateway-only and model-only latency histograms (lib/usage/latency-buckets.ts). */
  hist: [number[], number[], number[]];
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

const histSums = (column: string) =>
  `ARRAY[${Array.from({ length: BUCKET_COUNT }, (_, i) => `coalesce(sum(r."${column}"[${i + 1}]), 0)`).join(", ")}]::bigint[]`;

type SqlRow = { period: string | null; key: string; label: string; calls: bigint; errors: bigint; cost: bigint; value: bigint; gw: number | null; up: number | null; lh?: bigint[]; gh?: bigint[]; uh?: bigint[] };
type HistRow = { period: string | null; key: string; kind: number; b: number; n: bigint };

async function rollupRows(q: FactQuery, table: "usage_daily" | "usage_hourly", spans: Span[]): Promise<SqlRow[]> {
  if (spans.length === 0) return [];
  const params: unknown[] = [];
  const column = table === "usage_daily" ? "day" : "bucket";
  const g = GROUPS[q.groupBy];
  const hist = q.histograms ? `, ${histSums("latencyHist")} AS lh, ${histSums("gatewayHist")} AS gh, ${histSums("upstreamHist")} AS uh` : "";
  const sql = `SELECT ${periodExpr(q.interval, column)} AS period, ${g.key} AS key, ${g.label} AS label,
      sum(r."calls")::bigint AS calls, sum(r."errors")::bigint AS errors, sum(r."costMicros")::bigint AS cost,
      sum(r."valueMicros")::bigint AS value, sum(r."gatewayMsSum")::float8 AS gw, sum(r."upstreamMsSum")::float8 AS up${hist}
    FROM "${table}" r ${JOINS} WHERE ${whereClause(q, column, spans, params)} GROUP BY 1, 2, 3`;
  return db.$queryRawUnsafe<SqlRow[]>(sql, ...params);
}

async function rawRows(q: FactQuery, spans: Span[]): Promise<{ rows: SqlRow[]; hist: HistRow[] }> {
  if (spans.length === 0) return { rows: [], hist: [] };
  const g = GROUPS[q.groupBy];
  const params: unknown[] = [];
  const where = whereClause(q, "at", spans, params);
  const sql = `SELECT ${periodExpr(q.interval, "at")} AS period, ${g.key} AS key, ${g.label} AS label, count(*)::bigint AS calls,
      (count(*) FILTER (WHERE r."statusCode" >= 400))::bigint AS errors, sum(r."costMicros")::bigint AS cost,
      sum(r."valueMicros")::bigint AS value, sum(r."gatewayMsSum")::float8 AS gw, sum(r."upstreamMsSum")::float8 AS up
    FROM (SELECT i.*, i."gatewayMs" AS "gatewayMsSum", i."upstreamMs" AS "upstreamMsSum" FROM "invocations" i) r ${JOINS}
    WHERE ${where} GROUP BY 1, 2, 3`;
  const histSql = `SELECT ${periodExpr(q.interval, "at")} AS period, ${g.key} AS key, h.kind, h.b, count(*)::bigint AS n
    FROM "invocations" r ${JOINS}
    CROSS JOIN LATERAL (VALUES (0, modelport_latency_bucket(r."gatewayMs" + r."upstreamMs")),
      (1, modelport_latency_bucket(r."gatewayMs")), (2, modelport_latency_bucket(r."upstreamMs"))) AS h(kind, b)
    WHERE ${where} GROUP BY 1, 2, 3, 4`;
  const [rows, hist] = await Promise.all([
    db.$queryRawUnsafe<SqlRow[]>(sql, ...params),
    q.histograms ? db.$queryRawUnsafe<HistRow[]>(histSql, ...params) : Promise.resolve([]),
  ]);
  return { rows, hist };
}

const zeros = () => new Array<number>(BUCKET_COUNT).fill(0);

/**
 * Calls, errors, cost, value, latency sums and histograms per (period, group) over [from, to), exact to the
 * millisecond: whole days from usage_daily, whole hours from usage_hourly, partial hours from invocations.
 */
export async function queryUsageFacts(q: FactQuery): Promise<FactRow[]> {
  const seg = q.source === "raw" ? { daily: [], hourly: [], raw: [{ from: q.from, to: q.to }] } : splitRange(q.from, q.to, q.interval ?? "day");
  const [daily, hourly, raw] = await Promise.all([rollupRows(q, "usage_daily", seg.daily), rollupRows(q, "usage_hourly", seg.hourly), rawRows(q, seg.raw)]);
  const out = new Map<string, FactRow>();
  const slot = (period: string | null, key: string, label: string) => {
    const id = `${period}|${key}`;
    let row = out.get(id);
    if (!row) {
      row = { period, key, label, calls: 0n, errors: 0n, costMicros: 0n, valueMicros: 0n, gatewayMsSum: 0, upstreamMsSum: 0, hist: [zeros(), zeros(), zeros()] };
      out.set(id, row);
    }
    return row;
  };
  for (const r of [...daily, ...hourly, ...raw.rows]) {
    const row = slot(r.period, r.key, r.label);
    row.calls += BigInt(r.calls ?? 0);
    row.errors += BigInt(r.errors ?? 0);
    row.costMicros += BigInt(r.cost ?? 0);
    row.valueMicros += BigInt(r.value ?? 0);
    row.gatewayMsSum += Number(r.gw ?? 0);
    row.upstreamMsSum += Number(r.up ?? 0);
    [r.lh, r.gh, r.uh].forEach((h, k) => h?.forEach((n, i) => (row.hist[k][i] += Number(n))));
  }
  for (const h of raw.hist) {
    const row = out.get(`${h.period}|${h.key}`);
    if (row) row.hist[h.kind][h.b] += Number(h.n);
  }
  return [...out.values()];
}
