import "server-only";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { canDecideAccess, type GovernanceUser } from "@/lib/governance/access-deciders";
import type { AccessDecisionBody } from "@/lib/governance/schemas";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { AppError, forbidden, notFound } from "@/lib/server/errors";

const NEXT = {
  approve: { from: "pending", to: "approved" },
  deny: { from: "pending", to: "denied" },
  revoke: { from: "approved", to: "revoked" },
} as const;

/** The owning team's maintainer or a reviewer approves, denies or later revokes a request; grants follow. */
export async function decideAccessRequest(input: {
  user: GovernanceUser;
  actor: AuditActor;
  ref: { owner: string; name: string; id: string };
  body: AccessDecisionBody;
}) {
  const { user, body } = input;
  return db.$transaction(async (tx) => {
    const request = await tx.accessRequest.findFirst({
      where: { id: input.ref.id, model: { name: input.ref.name, team: { slug: input.ref.owner } } },
      select: {
        id: true,
        status: true,
        modelId: true,
        appId: true,
        model: { select: { slug: true, teamId: true } },
        app: { select: { name: true } },
      },
    });
    if (!request) throw notFound("The access request");
    if (!(await canDecideAccess(tx, user, request.model.teamId)))
      throw forbidden("Only the owning team's maintainers and reviewers decide access requests.");
    const step = NEXT[body.decision];
    const now = new Date();
    // Conditional update: of two concurrent deciders one wins, the other gets 409 with the current state.
    const { count } = await tx.accessRequest.updateMany({
      where: { id: request.id, status: step.from },
      data: { status: step.to, decidedById: user.id, decisionComment: body.comment || null, decidedAt: now },
    });
    if (count === 0) {
      const current = await tx.accessRequest.findUniqueOrThrow({ where: { id: request.id }, select: { status: true } });
      throw new AppError("invalid_transition", `The request is ${current.status}; it cannot be ${step.to}.`, {
        details: { currentStatus: current.status },
      });
    }
    if (body.decision === "approve") {
      await tx.accessGrant.upsert({
        where: { modelId_appId: { modelId: request.modelId, appId: request.appId } },
        create: { modelId: request.modelId, appId: request.appId, requestId: request.id, grantedById: user.id },
        update: { requestId: request.id, grantedById: user.id, revokedAt: null, createdAt: now },
      });
    } else if (body.decision === "revoke") {
      await tx.accessGrant.updateMany({
        where: { modelId: request.modelId, appId: request.appId, revokedAt: null },
        data: { revokedAt: now },
      });
    }
    const after = { status: step.to, comment: body.comment, model: request.model.slug, appId: request.appId };
    await recordAudit(tx, input.actor, {
      action: `access.${body.decision}`,
      targetType: "access_request",
      targetId: request.id,
      before: { status: request.status },
      after,
    });
    await enqueueWebhookEvent(tx, "access.decided", {
      requestId: request.id,
      decision: body.decision,
      appName: request.app.name,
      ...after,
    });
    return {
      id: request.id,
      status: step.to,
      model: request.model.slug,
      appId: request.appId,
      decisionComment: body.comment || null,
      decidedAt: now.toISOString(),
    };
  }, GOVERNANCE_TX);
}
