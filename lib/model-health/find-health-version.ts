import "server-only";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import { canSeeModel, canSeeVersion, isModelInsider, type ModelViewer } from "@/lib/catalog/model-visibility";
import { db } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";

export type VersionRef = { owner: string; name: string; version: string };

/**
 * What a caller may do with a version's health: `view` (whoever may see the model), `browse` captured payloads
 * (the owning team's publishers, reviewers, admins) or `own` it (set capture and the reference: the owning
 * team's publishers and admins). A version the caller may not see answers 404, like one that does not exist.
 */
export type HealthAccess = "view" | "browse" | "own";

function viewerOf(principal: Principal | null): ModelViewer {
  if (!principal) return { teamIds: [] };
  return { teamIds: actingTeamIds(principal), insider: !principal.key && (principal.role === "reviewer" || principal.role === "admin") };
}

export async function findHealthVersion(principal: Principal | null, ref: VersionRef, need: HealthAccess) {
  const v = await db.modelVersion.findFirst({
    where: { version: ref.version, model: { name: ref.name, team: { slug: ref.owner } } },
    select: {
      id: true,
      version: true,
      status: true,
      runtime: true,
      artifactPath: true,
      inputSchema: true,
      outputSchema: true,
      captureRate: true,
      captureRedactFields: true,
      updatedAt: true,
      model: { select: { id: true, teamId: true, name: true, versions: { select: { status: true } } } },
    },
  });
  const viewer = viewerOf(principal);
  if (!v) throw notFound(`Version ${ref.version} of ${ref.owner}/${ref.name}`);
  const insider = isModelInsider(v.model, viewer);
  const visible =
    canSeeModel(
      v.model,
      v.model.versions.map((x) => x.status),
      viewer,
    ) && canSeeVersion(v.status, insider);
  if (!visible) throw notFound(`Version ${ref.version} of ${ref.owner}/${ref.name}`);
  if (need === "view") return v;
  const teamOwner =
    principal !== null &&
    principal.permissions.has("models:publish") &&
    (principal.role === "admin" || actingTeamIds(principal).includes(v.model.teamId));
  if (need === "own" && !teamOwner) throw forbidden("Only the owning team's publishers and admins can change this.");
  if (need === "browse" && !teamOwner && !principal?.permissions.has("versions:review"))
    throw forbidden("Only the owning team's publishers, reviewers and admins can read captured payloads.");
  return v;
}

export type HealthVersion = Awaited<ReturnType<typeof findHealthVersion>>;
