import "server-only";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";

/**
 * The model `owner/name` for someone who steers how its versions take traffic (golden tests, shadow, canary).
 * Reading: its team's members (a key: for its app's team), reviewers and admins. Changing (`write`): the team's
 * publishers (a key needs the publish scope), reviewers when `reviewers` says so, and admins — a key never
 * does more than its scopes, whatever its creator's role. Every signed-in person sees every model's page
 * (gated ones too), so a missing model is a 404 and one they may not steer a 403.
 */
export async function findStewardedModel(
  principal: Principal | null,
  owner: string,
  name: string,
  opts: { reviewers: boolean; write?: boolean },
) {
  if (!principal) throw forbidden();
  const model = await db.model.findFirst({
    where: { name, team: { slug: owner } },
    select: { id: true, slug: true, displayName: true, teamId: true },
  });
  if (!model) throw notFound(`Model ${owner}/${name}`);
  const can = principal.permissions;
  const admin = can.has("admin:manage");
  const reviewer = opts.reviewers && can.has("versions:review");
  const member = actingTeamIds(principal).includes(model.teamId) && (!opts.write || can.has("models:publish"));
  if (!member && !reviewer && !admin)
    throw forbidden(`Only the team ${owner}${opts.reviewers ? ", reviewers" : ""} and admins can do this for ${owner}/${name}.`);
  return model;
}
