import "server-only";
import { db } from "@/lib/server/db";

/**
 * Waste: models with an approved version (published and callable) that received no call at all in [from, to).
 * Whole days are checked in usage_daily, the rest in usage_hourly and invocations (any call counts).
 */
export async function listIdleModels(input: { from: Date; to: Date }) {
  return db.$queryRaw<{ id: string; slug: string; displayName: string; team: string; approvedAt: Date | null }[]>`
    SELECT m."id", m."slug", m."displayName", t."name" AS team, max(v."approvedAt") AS "approvedAt"
      FROM "models" m JOIN "teams" t ON t."id" = m."teamId" JOIN "model_versions" v ON v."modelId" = m."id" AND v."status" = 'approved'
     WHERE NOT EXISTS (SELECT 1 FROM "usage_hourly" h WHERE h."modelId" = m."id" AND h."bucket" >= date_trunc('hour', ${input.from}::timestamptz) AND h."bucket" < ${input.to} AND h."calls" > 0)
       AND NOT EXISTS (SELECT 1 FROM "invocations" i WHERE i."modelId" = m."id" AND i."at" >= ${input.from} AND i."at" < ${input.to})
     GROUP BY m."id", m."slug", m."displayName", t."name"
     ORDER BY max(v."approvedAt") NULLS LAST, m."slug"`;
}
