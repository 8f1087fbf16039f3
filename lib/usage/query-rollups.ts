import "server-only";
import { sql, type RawBuilder } from "kysely";
import { kdb } from "@/lib/server/db";
import { emptyHistogram, mergeHistograms } from "@/lib/usage/latency-buckets";
import { daysAndHours, periodOf, type Interval, type Span } from "@/lib/usage/usage-range";
import type { UsageViewer } from "@/lib/usage/usage-viewer";
import type { ChannelName } from "@/lib/usage/schemas";

// The dashboards' figures, read from the roll-ups only (never the invocation rows). A range is whole hours
// (lib/usage/usage-range.ts): its whole days come from the daily roll-ups, the hours at its ends from the hourly
// ones. Unfiltered views of everything read the narrow roll-ups (one row per model, app, consuming unit or
// channel and period); filtered or scoped views, and groups the narrow ones do not hold, read the full-key ones.

export type GroupBy = "model" | "version" | "app" | "business_unit" | "owner_business_unit" | "channel" | "statement_line";
export type Filters = { model?: string; versionId?: string; appId?: string; businessUnit?: string; channel?: ChannelName };
export type RollupQuery = { span: Span; interval: Interval | null; groupBy: GroupBy; filters?: Filters; viewer: UsageViewer };

export type Figures = { calls: bigint; errors: bigint; costMicros: bigint; valueMicros: bigint };
/** Total (gateway + model), gateway-only and model-only latency histograms (lib/usage/latency-buckets.ts). */
export type Histograms = [number[], number[], number[]];

type Grain = "hour" | "day";
type Rows = (grain: Grain, span: Span) => RawBuilder<unknown>;

/** The narrow roll-ups' dimension for a group, when the view is unfiltered and sees everything. */
const NARROW: Partial<Record<GroupBy, string>> = { model: "model", app: "app", business_unit: "unit", channel: "channel" };
const narrowDim = (q: RollupQuery): string | null =>
  q.viewer.kind === "all" && !Object.values(q.filters ?? {}).some(Boolean) ? (NARROW[q.groupBy] ?? null) : null;

/** A group's key in the full-key roll-ups, the same text the narrow ones store ('none': console calls without an app). */
const KEY: Record<GroupBy, RawBuilder<string>> = {
  model: sql`r."modelId"::text`,
  version: sql`r."versionId"::text`,
  app: sql`coalesce(r."appId"::text, 'none')`,
  business_unit: sql`coalesce(at."businessUnitId"::text, 'none')`,
  owner_business_unit: sql`mt."businessUnitId"::text`,
  channel: sql`r.channel::text`,
  statement_line: sql`coalesce(at."businessUnitId"::text, 'none') || '|' || r."modelId"::text || '|' || coalesce(r."appId"::text, 'none')`,
};

const FIELDS = sql`r.calls, r.errors, r."costMicros", r."valueMicros", r."latencyHist", r."gatewayHist", r."upstreamHist"`;
const TABLE = {
  narrow: { hour: sql`usage_hourly_by`, day: sql`usage_daily_by` },
  full: { hour: sql`usage_hourly`, day: sql`usage_daily` },
};
const TIME = { hour: sql`r.bucket`, day: sql`r.day` };

/** What the viewer may see (docs/dashboards.md): aliases m = the model, a = the consuming app. */
function visibleTo(viewer: UsageViewer): RawBuilder<boolean> {
  if (viewer.kind === "all") return sql`true`;
  if (viewer.kind === "app") return sql`r."appId" = ${viewer.appId}::uuid`;
  const teams = viewer.teamIds;
  return viewer.includeOwnedModels
    ? sql`(m."teamId" = ANY(${teams}::uuid[]) OR a."teamId" = ANY(${teams}::uuid[]))`
    : sql`a."teamId" = ANY(${teams}::uuid[])`;
}

function filtered(f: Filters = {}): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql`true`];
  if (f.model) parts.push(sql`m.slug = ${f.model}`);
  if (f.versionId) parts.push(sql`r."versionId" = ${f.versionId}::uuid`);
  if (f.appId) parts.push(sql`r."appId" = ${f.appId}::uuid`);
  if (f.businessUnit) parts.push(sql`bu.slug = ${f.businessUnit}`);
  if (f.channel) parts.push(sql`r.channel = ${f.channel}::"Channel"`);
  return sql.join(parts, sql` AND `);
}

// The dimensions a full-key row's group, the viewer's share and the filters are read from.
const JOINS = sql`JOIN models m ON m.id = r."modelId" JOIN teams mt ON mt.id = m."teamId"
  LEFT JOIN apps a ON a.id = r."appId" LEFT JOIN teams at ON at.id = a."teamId" LEFT JOIN business_units bu ON bu.id = at."businessUnitId"`;

/** The roll-up rows of one grain and span (t = the row's hour or day, key = its group), optionally of some groups only. */
function rowsOf(q: RollupQuery, dim: string | null, keys?: string[]): Rows {
  return (grain, span) => {
    const time = TIME[grain];
    const only = (key: RawBuilder<string>) => (keys ? sql` AND ${key} = ANY(${keys}::text[])` : sql``);
    if (dim) {
      return sql`SELECT ${time} AS t, r.key, ${FIELDS} FROM ${TABLE.narrow[grain]} r
        WHERE r.dim = ${dim} AND ${time} >= ${span.from} AND ${time} < ${span.to}${only(sql`r.key`)}`;
    }
    return sql`SELECT ${time} AS t, ${KEY[q.groupBy]} AS key, ${FIELDS} FROM ${TABLE.full[grain]} r ${JOINS}
      WHERE ${time} >= ${span.from} AND ${time} < ${span.to} AND ${visibleTo(q.viewer)} AND ${filtered(q.filters)}${only(KEY[q.groupBy])}`;
  };
}

/**
 * Full-key sums per group over the whole range, summed per version × app × channel before the dimensions are
 * joined: the joins then see one row per key instead of one per key and day (a month's chargeback at 10 M calls:
 * ~100,000 daily rows, ~4,000 keys).
 */
function fullTotals(q: RollupQuery): RawBuilder<unknown> {
  const rows = over(
    q.span,
    false,
    (grain, span) => sql`SELECT r."modelId", r."versionId", r."appId", r.channel, r.calls, r.errors,
      r."costMicros", r."valueMicros" FROM ${TABLE.full[grain]} r WHERE ${TIME[grain]} >= ${span.from} AND ${TIME[grain]} < ${span.to}`,
  );
  return sql`SELECT ${KEY[q.groupBy]} AS key, r.calls, r.errors, r."costMicros", r."valueMicros"
    FROM (SELECT "modelId", "versionId", "appId", channel, sum(calls) AS calls, sum(errors) AS errors, sum("costMicros") AS "costMicros",
                 sum("valueMicros") AS "valueMicros" FROM (${rows}) x GROUP BY 1, 2, 3, 4) r ${JOINS}
    WHERE ${visibleTo(q.viewer)} AND ${filtered(q.filters)}`;
}

/** Every row of the range: whole days from the daily roll-up and the end hours from the hourly one, or hours only. */
function over(span: Span, hoursOnly: boolean, rows: Rows): RawBuilder<unknown> {
  const { days, hours } = hoursOnly ? { days: null, hours: [span] } : daysAndHours(span);
  return sql.join([...(days ? [rows("day", days)] : []), ...hours.map((h) => rows("hour", h))], sql` UNION ALL `);
}

// A period is named by its first instant; the SQL returns each row's own hour or day, as epoch milliseconds.
const BY = { key: sql`r.key`, t: sql`(extract(epoch FROM r.t) * 1000)::bigint::text` };

async function sums(rows: RawBuilder<unknown>, by: keyof typeof BY): Promise<Map<string, Figures>> {
  const { rows: out } = await sql<{ id: string; calls: string; errors: string; cost: string; value: string }>`
    SELECT ${BY[by]} AS id, sum(r.calls)::text AS calls, sum(r.errors)::text AS errors, sum(r."costMicros")::text AS cost,
           sum(r."valueMicros")::text AS value
      FROM (${rows}) r GROUP BY 1`.execute(kdb());
  return new Map(
    out.map((r) => [r.id, { calls: BigInt(r.calls), errors: BigInt(r.errors), costMicros: BigInt(r.cost), valueMicros: BigInt(r.value) }]),
  );
}

/** Histograms merged per group or per row time, bucket by bucket (unnest of the stored bigint[] histograms). */
async function histograms(rows: RawBuilder<unknown>, by: keyof typeof BY): Promise<Map<string, Histograms>> {
  const { rows: out } = await sql<{ id: string; i: number; l: number | null; g: number | null; u: number | null }>`
    SELECT ${BY[by]} AS id, h.i::int - 1 AS i, sum(h.l)::float8 AS l, sum(h.g)::float8 AS g, sum(h.u)::float8 AS u
      FROM (${rows}) r CROSS JOIN LATERAL unnest(r."latencyHist", r."gatewayHist", r."upstreamHist") WITH ORDINALITY AS h(l, g, u, i)
     GROUP BY 1, 2`.execute(kdb());
  const map = new Map<string, Histograms>();
  for (const r of out) {
    let h = map.get(r.id);
    if (!h) map.set(r.id, (h = [emptyHistogram(), emptyHistogram(), emptyHistogram()]));
    h[0][r.i] = r.l ?? 0;
    h[1][r.i] = r.g ?? 0;
    h[2][r.i] = r.u ?? 0;
  }
  return map;
}

/** Rows by row time (hours or days) regrouped into the query's periods. */
function intoPeriods<T>(byTime: Map<string, T>, interval: Interval, add: (into: T | undefined, more: T) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const [ms, value] of byTime) {
    const period = periodOf(Number(ms), interval);
    out.set(period, add(out.get(period), value));
  }
  return out;
}

export const addFigures = (a: Figures | undefined, b: Figures): Figures =>
  a
    ? {
        calls: a.calls + b.calls,
        errors: a.errors + b.errors,
        costMicros: a.costMicros + b.costMicros,
        valueMicros: a.valueMicros + b.valueMicros,
      }
    : b;

/** a + b, into a (a new histogram when a is undefined: b is never changed). */
export function addHistograms(a: Histograms | undefined, b: Histograms): Histograms {
  const into = a ?? [emptyHistogram(), emptyHistogram(), emptyHistogram()];
  for (let k = 0; k < 3; k++) mergeHistograms(into[k], b[k]);
  return into;
}

// Periods: on the narrow path from the channel rows (two per hour or day); hourly series from hourly rows only.
const periodRows = (q: RollupQuery, interval: Interval) => over(q.span, interval === "hour", rowsOf(q, narrowDim(q) ? "channel" : null));

/** Calls, errors, cost and value per group over the whole range. */
export function sumsByGroup(q: RollupQuery): Promise<Map<string, Figures>> {
  const dim = narrowDim(q);
  return sums(dim ? over(q.span, false, rowsOf(q, dim)) : fullTotals(q), "key");
}

/** The same per period of the query's interval. */
export async function sumsByPeriod(q: RollupQuery & { interval: Interval }): Promise<Map<string, Figures>> {
  return intoPeriods(await sums(periodRows(q, q.interval), "t"), q.interval, addFigures);
}

/** Merged latency histograms of the given groups over the whole range. */
export const histogramsByGroup = (q: RollupQuery, keys: string[]) => histograms(over(q.span, false, rowsOf(q, narrowDim(q), keys)), "key");

/** Merged latency histograms per period. */
export async function histogramsByPeriod(q: RollupQuery & { interval: Interval }): Promise<Map<string, Histograms>> {
  return intoPeriods(await histograms(periodRows(q, q.interval), "t"), q.interval, addHistograms);
}
