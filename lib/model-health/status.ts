import "server-only";
import { db } from "@/lib/server/db";

export type { HealthStatus as HealthStatusName } from "@/lib/generated/prisma/enums";

/**
 * Brings every model's health status up to date in one statement: failing while one of its versions has an
 * open failing alert, warning while one has an open warning, healthy when it was called in the last 7 days,
 * unknown otherwise (nothing to judge by). Kept as a column so cards, facets and filters read it for free;
 * only models whose status changed are written. Returns how many changed.
 */
export async function updateHealthStatuses(): Promise<number> {
  return db.$executeRaw`
    UPDATE models m SET "healthStatus" = s.status
      FROM (SELECT m2.id,
                   (CASE WHEN EXISTS (SELECT 1 FROM model_alerts a JOIN model_versions v ON v.id = a."versionId"
                                       WHERE v."modelId" = m2.id AND a."resolvedAt" IS NULL AND a.severity = 'failing') THEN 'failing'
                         WHEN EXISTS (SELECT 1 FROM model_alerts a JOIN model_versions v ON v.id = a."versionId"
                                       WHERE v."modelId" = m2.id AND a."resolvedAt" IS NULL) THEN 'warning'
                         WHEN EXISTS (SELECT 1 FROM invocations i WHERE i."modelId" = m2.id AND i.at >= now() - interval '7 days') THEN 'healthy'
                         ELSE 'unknown' END)::"HealthStatus" AS status
              FROM models m2) s
     WHERE m.id = s.id AND m."healthStatus" IS DISTINCT FROM s.status`;
}
