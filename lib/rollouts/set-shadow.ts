import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { findStewardedModel } from "@/lib/rollouts/model-steward";
import { getShadow } from "@/lib/rollouts/get-shadow";
import type { ShadowBody, ShadowView } from "@/lib/rollouts/schemas";

type Ref = { owner: string; name: string };

/**
 * Mirrors `percent` % of the model's live calls to a candidate version (in review or approved), replacing any
 * shadow the model had. The model's team (publishers), reviewers and admins; audited.
 */
export async function setShadow(principal: Principal | null, actor: AuditActor, ref: Ref, body: ShadowBody): Promise<ShadowView> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: true, write: true });
  await db.$transaction(async (tx) => {
    const v = await tx.modelVersion.findUnique({
      where: { modelId_version: { modelId: model.id, version: body.version } },
      select: { id: true, status: true },
    });
    if (!v) throw notFound(`Version ${body.version} of ${model.slug}`);
    if (v.status !== "pending_review" && v.status !== "approved")
      throw new AppError("invalid_transition", `Version ${body.version} is ${v.status}; a shadow runs a version in review or approved.`, {
        details: { currentStatus: v.status },
      });
    const before = await tx.modelShadow.findUnique({ where: { modelId: model.id }, select: { candidateVersionId: true, percent: true } });
    await tx.modelShadow.upsert({
      where: { modelId: model.id },
      create: { modelId: model.id, candidateVersionId: v.id, percent: body.percent, setById: actor.id },
      update: { candidateVersionId: v.id, percent: body.percent, setById: actor.id },
    });
    await recordAudit(tx, actor, {
      action: "model.shadow.set",
      targetType: "model",
      targetId: model.id,
      before: before ?? null,
      after: { model: model.slug, version: body.version, candidateVersionId: v.id, percent: body.percent },
    });
  });
  return getShadow(principal, ref);
}

/** Stops the model's shadow (idempotent); the comparisons made so far stay. */
export async function deleteShadow(principal: Principal | null, actor: AuditActor, ref: Ref): Promise<ShadowView> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: true, write: true });
  await db.$transaction(async (tx) => {
    const before = await tx.modelShadow.findUnique({ where: { modelId: model.id }, select: { candidateVersionId: true, percent: true } });
    if (!before) return;
    await tx.modelShadow.delete({ where: { modelId: model.id } });
    await recordAudit(tx, actor, {
      action: "model.shadow.stop",
      targetType: "model",
      targetId: model.id,
      before,
      after: { model: model.slug },
    });
  });
  return getShadow(principal, ref);
}
