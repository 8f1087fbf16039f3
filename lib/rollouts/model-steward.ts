import "server-only";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";

/**
 * The model `owner/name` for someone who steers how its versions take traffic (golden tests, shadow, canary):
 * its team's members (a key: for its app's team), reviewers and admins. Every signed-in person sees every
 * model's page (gated ones too), so a missing model is a 404 and one they may not steer a 403.
 */
export async function findStewardedModel(principal: Principal | null, owner: string, name: string, opts: { reviewers: boolean }) {
  if (!principal) throw forbidden();
  const model = await db.model.findUnique({
    where: { slug: `${owner}/${name}` },
    select: { id: true, slug: true, displayName: true, teamId: true },
  });
  if (!model) throw notFound(`Model ${owner}/${name}`);
  const reviewer = principal.role === "admin" || (opts.reviewers && principal.permissions.has("versions:review"));
  const member = actingTeamIds(principal).includes(model.teamId);
  if (!member && !reviewer)
    throw forbidden(`Only the team ${owner}${opts.reviewers ? ", reviewers" : ""} and admins can do this for ${owner}/${name}.`);
  return model;
}
