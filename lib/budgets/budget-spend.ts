import "server-only";
import { sql } from "kysely";
import { kdb } from "@/lib/server/db";
import { env } from "@/lib/server/env";

export type BudgetSpend = { spendMicros: bigint; periodStart: Date; periodEnd: Date };

/**
 * Each budget's current period (day, week from Monday, month, in the installation's time zone) and the committed
 * cost of its scope's calls in it, in one statement, so one snapshot: the hourly roll-up from the first whole UTC
 * hour of the period, the fold's queue (calls committed but not folded yet: the recorder writes both in one
 * statement and the fold moves them in one transaction, so no call is counted twice or missed), and the raw
 * invocations of the partial hours at either end of a period that does not start on a whole UTC hour (zones with
 * :30 and :45 offsets).
 */
export async function loadBudgetSpend(budgetIds: readonly string[], at: Date = new Date()): Promise<Map<string, BudgetSpend>> {
  if (budgetIds.length === 0) return new Map();
  const tz = env().MODELPORT_TIME_ZONE;
  const { rows } = await sql<{ id: string; start: Date; end: Date; spend: string }>`
    WITH b AS (
      SELECT x.id, x.period::text AS period, date_trunc(x.period::text, ${at}::timestamptz, ${tz}) AS start,
        ARRAY(
          SELECT a.id FROM apps a JOIN teams t ON t.id = a."teamId"
          WHERE a.id = x."appId" OR a."teamId" = x."teamId" OR t."businessUnitId" = x."businessUnitId"
        ) AS apps
      FROM budgets x WHERE x.id = ANY(${budgetIds as string[]}::uuid[])
    ), e AS (
      SELECT b.*, ((b.start AT TIME ZONE ${tz}) + ('1 ' || b.period)::interval) AT TIME ZONE ${tz} AS "end" FROM b
    ), p AS (
      -- [h0, h1): the whole UTC hours inside the period, read from the roll-up and the queue.
      SELECT e.*,
        CASE WHEN date_trunc('hour', e.start, 'UTC') = e.start THEN e.start
          ELSE date_trunc('hour', e.start, 'UTC') + interval '1 hour' END AS h0,
        date_trunc('hour', e."end", 'UTC') AS h1
      FROM e
    )
    SELECT p.id, p.start, p."end", (
      (SELECT COALESCE(SUM(h."costMicros"), 0) FROM usage_hourly h
        WHERE h."appId" = ANY(p.apps) AND h.bucket >= p.h0 AND h.bucket < p.h1)
      + (SELECT COALESCE(SUM(q."costMicros"), 0) FROM usage_pending q
        WHERE q."appId" = ANY(p.apps) AND q.at >= p.h0 AND q.at < p.h1)
      + (SELECT COALESCE(SUM(i."costMicros"), 0) FROM invocations i
        WHERE i."appId" = ANY(p.apps) AND ((i.at >= p.start AND i.at < p.h0) OR (i.at >= p.h1 AND i.at < p."end")))
    )::text AS spend
    FROM p`.execute(kdb());
  return new Map(rows.map((r) => [r.id, { spendMicros: BigInt(r.spend), periodStart: new Date(r.start), periodEnd: new Date(r.end) }]));
}
