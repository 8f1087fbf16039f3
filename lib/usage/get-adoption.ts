import "server-only";
import { db } from "@/lib/server/db";

export type Adoption = Awaited<ReturnType<typeof getAdoption>>;

const DAY_MS = 86_400_000;

function quantile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The adoption funnel (published → approved → first production call → in regular use) and the lead time from
 * a model's first submission to its first production call (any door but the console: API, OpenAI-compatible), the product's headline figure.
 * Regular use = production calls in at least 3 of the last 4 weeks. The first call is found day → hour → row,
 * so it is exact to the millisecond without scanning raw invocations.
 */
export async function getAdoption(now = new Date()) {
  const rows = await db.$queryRaw<
    { id: string; slug: string; submitted: Date | null; approved: Date | null; firstCall: Date | null; activeWeeks: number }[]
  >`
    WITH m AS (
      SELECT mo."id", mo."slug", min(v."submittedAt") AS submitted, min(v."approvedAt") AS approved
        FROM "models" mo LEFT JOIN "model_versions" v ON v."modelId" = mo."id" GROUP BY mo."id", mo."slug"
    )
    SELECT m."id", m."slug", m.submitted, m.approved,
      (SELECT min(i."at") FROM (SELECT min(h."bucket") AS hour FROM "usage_hourly" h
                                 WHERE h."modelId" = m."id" AND h."channel" <> 'console' AND h."calls" > 0
                                   AND h."bucket" >= (SELECT min(d."day") FROM "usage_daily" d WHERE d."modelId" = m."id" AND d."channel" <> 'console' AND d."calls" > 0)
                                   AND h."bucket" < (SELECT min(d."day") FROM "usage_daily" d WHERE d."modelId" = m."id" AND d."channel" <> 'console' AND d."calls" > 0) + interval '1 day') f
         JOIN "invocations" i ON i."modelId" = m."id" AND i."channel" <> 'console' AND i."at" >= f.hour AND i."at" < f.hour + interval '1 hour') AS "firstCall",
      (SELECT count(DISTINCT date_trunc('week', d."day", 'UTC'))::int FROM "usage_daily" d
        WHERE d."modelId" = m."id" AND d."channel" <> 'console' AND d."calls" > 0 AND d."day" >= ${new Date(now.getTime() - 28 * DAY_MS)}) AS "activeWeeks"
      FROM m`;
  const published = rows.filter((r) => r.submitted);
  const approved = published.filter((r) => r.approved);
  const called = approved.filter((r) => r.firstCall);
  const regular = called.filter((r) => r.activeWeeks >= 3);
  const leadDays = called
    .map((r) => ({ slug: r.slug, days: Math.max(0, (r.firstCall!.getTime() - r.submitted!.getTime()) / DAY_MS) }))
    .sort((a, b) => a.days - b.days);
  const sorted = leadDays.map((l) => l.days);
  return {
    funnel: [
      { stage: "Published (submitted for review)", models: published.length },
      { stage: "Approved", models: approved.length },
      { stage: "First production call", models: called.length },
      { stage: "In regular use", models: regular.length },
    ],
    leadTimeDays: {
      count: sorted.length,
      median: quantile(sorted, 0.5),
      p25: quantile(sorted, 0.25),
      p75: quantile(sorted, 0.75),
      p90: quantile(sorted, 0.9),
      min: sorted[0] ?? null,
      max: sorted.at(-1) ?? null,
    },
    leadTimes: leadDays,
  };
}
