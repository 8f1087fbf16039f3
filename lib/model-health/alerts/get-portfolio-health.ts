import "server-only";
import { sql } from "kysely";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import type { HealthStatus } from "@/lib/generated/prisma/enums";
import { kdb } from "@/lib/server/db";

export type PortfolioHealthRow = {
  id: string;
  /** owner/name, as in the model's URL. */
  path: string;
  displayName: string;
  team: string;
  healthStatus: HealthStatus;
  openAlerts: { rule: string; severity: string; version: string }[];
  /** An open alert on a drift rule (registered by the drift signal). */
  drifting: boolean;
  /** Some version has a reference profile to measure drift against. */
  hasReference: boolean;
  /** Some version keeps its answers for ground truth. */
  collectsGroundTruth: boolean;
  /** Calls of the last 7 days that got feedback. */
  feedback7d: number;
};

/**
 * Every published model whose health the principal sees (executives, reviewers and admins: all; others: their
 * teams'), with its status, open alerts and whether it gets feedback — failing first, then warning.
 */
export async function getPortfolioHealth(input: { principal: Principal }): Promise<PortfolioHealthRow[]> {
  const p = input.principal;
  const everything = p.role === "admin" || p.role === "reviewer" || p.permissions.has("roi:read");
  const teamIds = actingTeamIds(p);
  if (!everything && teamIds.length === 0) return [];
  const rows = await kdb()
    .selectFrom("models as m")
    .innerJoin("teams as t", "t.id", "m.teamId")
    .select(["m.id", "m.name", "m.displayName", "m.healthStatus", "t.slug as owner", "t.name as team"])
    .select(
      sql<{ rule: string; severity: string; version: string }[]>`coalesce((
        SELECT json_agg(json_build_object('rule', a.rule, 'severity', a.severity, 'version', v.version) ORDER BY a."openedAt")
          FROM model_alerts a JOIN model_versions v ON v.id = a."versionId"
         WHERE v."modelId" = m.id AND a."resolvedAt" IS NULL), '[]'::json)`.as("openAlerts"),
    )
    .select(sql<boolean>`EXISTS (SELECT 1 FROM model_versions v WHERE v."modelId" = m.id AND v."qualityKind" IS NOT NULL)`.as("collects"))
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM reference_profiles p JOIN model_versions v ON v.id = p."versionId" WHERE v."modelId" = m.id)`.as(
        "hasReference",
      ),
    )
    .select(
      sql<number>`(SELECT count(*) FROM ground_truth g JOIN model_versions v ON v.id = g."versionId"
                    WHERE v."modelId" = m.id AND g.at >= now() - interval '7 days' AND g."feedbackAt" IS NOT NULL)::int`.as("feedback7d"),
    )
    .where(sql<boolean>`m."catalogStatuses" && ARRAY['approved', 'deprecated']::"VersionStatus"[]`)
    .$if(!everything, (qb) => qb.where("m.teamId", "in", teamIds))
    .orderBy(sql`CASE m."healthStatus" WHEN 'failing' THEN 0 WHEN 'warning' THEN 1 WHEN 'healthy' THEN 2 ELSE 3 END`)
    .orderBy("m.displayName")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    path: `${r.owner}/${r.name}`,
    displayName: r.displayName,
    team: r.team,
    healthStatus: r.healthStatus,
    openAlerts: r.openAlerts,
    drifting: r.openAlerts.some((a) => a.rule.startsWith("drift")),
    hasReference: r.hasReference,
    collectsGroundTruth: r.collects,
    feedback7d: r.feedback7d,
  }));
}
