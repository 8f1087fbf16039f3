import "server-only";
import { db } from "@/lib/db";

/** Cost and value charged to each consuming business unit over the last `days` days. */
export async function roiByBusinessUnit(days = 30) {
  const since = new Date(Date.now() - days * 24 * 3600 * 1000);
  const rows = await db.$queryRaw<{ id: string; name: string; calls: bigint; cost: bigint; value: bigint }[]>`
    SELECT bu.id, bu.name, COALESCE(SUM(u.calls), 0)::bigint AS calls,
           COALESCE(SUM(u."costMicros"), 0)::bigint AS cost, COALESCE(SUM(u."valueMicros"), 0)::bigint AS value
    FROM business_units bu
    LEFT JOIN teams t ON t."businessUnitId" = bu.id
    LEFT JOIN apps a ON a."teamId" = t.id
    LEFT JOIN usage_hourly u ON u."appId" = a.id AND u.bucket >= ${since}
    GROUP BY bu.id, bu.name
    ORDER BY value DESC`;
  return rows.map((r) => ({ ...r, calls: Number(r.calls) }));
}
