import "server-only";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { GovernanceUser } from "@/lib/governance/access-deciders";
import type { AccessRequestBody } from "@/lib/governance/schemas";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { AppError, notFound } from "@/lib/server/errors";

/** A consumer asks for one of their team's apps to be allowed to call a gated model. */
export async function requestAccess(input: {
  user: GovernanceUser;
  actor: AuditActor;
  ref: { owner: string; name: string };
  body: AccessRequestBody;
}) {
  const { user, body } = input;
  return db.$transaction(async (tx) => {
    const model = await tx.model.findFirst({
      where: { name: input.ref.name, team: { slug: input.ref.owner } },
      select: { id: true, slug: true, visibility: true },
    });
    if (!model) throw notFound(`Model ${input.ref.owner}/${input.ref.name}`);
    // Another team's app is reported as not found: its existence is not the caller's business.
    const app = await tx.app.findFirst({
      where: { id: body.appId, deletedAt: null, teamId: { in: user.teamIds } },
      select: { id: true, name: true },
    });
    if (!app) throw notFound("The app");
    if (model.visibility !== "gated")
      throw new AppError("conflict", `${model.slug} is not gated: every app may call it without a request.`);
    // Serialises requests for the same (model, app) so a double submit cannot queue two.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`access:${model.id}:${app.id}`}))`;
    const grant = await tx.accessGrant.findUnique({
      where: { modelId_appId: { modelId: model.id, appId: app.id } },
      select: { revokedAt: true },
    });
    if (grant && !grant.revokedAt) throw new AppError("conflict", `${app.name} already has access to ${model.slug}.`);
    const pending = await tx.accessRequest.findFirst({
      where: { modelId: model.id, appId: app.id, status: "pending" },
      select: { id: true },
    });
    if (pending)
      throw new AppError("conflict", `A request for ${app.name} is already waiting for a decision.`, {
        details: { requestId: pending.id },
      });
    const request = await tx.accessRequest.create({
      data: { modelId: model.id, appId: app.id, requesterId: user.id, reason: body.reason },
      select: { id: true, reason: true, status: true, decisionComment: true, createdAt: true, decidedAt: true },
    });
    await recordAudit(tx, input.actor, {
      action: "access.request",
      targetType: "access_request",
      targetId: request.id,
      after: { model: model.slug, appId: app.id, reason: body.reason },
    });
    await enqueueWebhookEvent(tx, "access.requested", {
      requestId: request.id,
      model: model.slug,
      appId: app.id,
      appName: app.name,
      reason: body.reason,
    });
    return {
      ...request,
      model: model.slug,
      appId: app.id,
      appName: app.name,
      createdAt: request.createdAt.toISOString(),
      decidedAt: null,
    };
  }, GOVERNANCE_TX);
}
