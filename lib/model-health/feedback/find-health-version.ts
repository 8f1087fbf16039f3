import "server-only";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

/**
 * Who sees a model's health (quality, alerts, thresholds): its owning team, reviewers and admins, and
 * executives (the portfolio views). Anyone else is answered as if the model did not exist.
 */
export function canSeeHealth(principal: Principal, teamId: string): boolean {
  if (actingTeamIds(principal).includes(teamId)) return true;
  return principal.role === "reviewer" || principal.role === "admin" || principal.permissions.has("roi:read");
}

/** The owning team's publishers and admins set a version's ground-truth kind and thresholds. */
export function canManageHealth(principal: Principal, teamId: string): boolean {
  if (!principal.permissions.has("models:publish")) return false;
  return actingTeamIds(principal).includes(teamId) || (!principal.key && principal.role === "admin");
}

const healthVersionSelect = {
  id: true,
  version: true,
  status: true,
  qualityKind: true,
  referenceAccuracy: true,
  alertThresholds: true,
  modelId: true,
  model: { select: { teamId: true, slug: true, name: true, card: true, team: { select: { slug: true } } } },
} as const;

/** A version addressed as owner/name/version, when the principal may see its health; 404 otherwise. */
export async function findHealthVersion(principal: Principal, ref: { owner: string; name: string; version: string }) {
  const v = await db.modelVersion.findFirst({
    where: { version: ref.version, model: { name: ref.name, team: { slug: ref.owner } } },
    select: healthVersionSelect,
  });
  if (!v || !canSeeHealth(principal, v.model.teamId)) throw notFound(`Version ${ref.version} of ${ref.owner}/${ref.name}`);
  return v;
}
export type HealthVersion = Awaited<ReturnType<typeof findHealthVersion>>;
