import "server-only";
import { db } from "@/lib/server/db";
import type { GovernanceUser } from "@/lib/governance/access-deciders";

/** Access requests the user may decide: all for reviewers/admins, else those on models of teams they maintain. */
export async function listAccessRequestsToDecide(input: { user: GovernanceUser; status?: "pending" | "approved" | "denied" | "revoked" }) {
  const privileged = input.user.role === "reviewer" || input.user.role === "admin";
  const maintained = privileged
    ? []
    : (await db.teamMember.findMany({ where: { userId: input.user.id, role: "maintainer" }, select: { teamId: true } })).map(
        (m) => m.teamId,
      );
  return db.accessRequest.findMany({
    where: { status: input.status ?? "pending", ...(privileged ? {} : { model: { teamId: { in: maintained } } }) },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      reason: true,
      status: true,
      createdAt: true,
      decidedAt: true,
      decisionComment: true,
      model: { select: { name: true, slug: true, displayName: true, team: { select: { slug: true } } } },
      app: { select: { name: true, team: { select: { name: true, businessUnit: { select: { name: true } } } } } },
      requester: { select: { name: true, email: true } },
    },
  });
}

/** For the model page: the viewer's apps and where each stands with this gated model. */
export async function getMyModelAccess(input: { user: GovernanceUser; modelId: string }) {
  const apps = await db.app.findMany({
    where: { teamId: { in: input.user.teamIds }, deletedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      grants: { where: { modelId: input.modelId }, select: { revokedAt: true } },
      accessRequests: {
        where: { modelId: input.modelId },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { status: true, decisionComment: true, createdAt: true },
      },
    },
  });
  return apps.map((a) => {
    const granted = a.grants.some((g) => !g.revokedAt);
    const last = a.accessRequests[0] ?? null;
    return {
      id: a.id,
      name: a.name,
      state: granted ? ("granted" as const) : (last?.status ?? "none"),
      comment: last?.decisionComment ?? null,
    };
  });
}
