import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { findStewardedModel } from "@/lib/rollouts/model-steward";
import { getCanary } from "@/lib/rollouts/get-canary";
import type { CanaryBody, CanaryView } from "@/lib/rollouts/schemas";

type Ref = { owner: string; name: string };

/**
 * Splits the model's range and "latest" calls between two approved versions: `weight` % to the canary, the rest
 * to the stable version. The model's team (publishers) and admins; audited. Setting it again (e.g. a new weight
 * after a rollback) starts its figures afresh.
 */
export async function setCanary(principal: Principal | null, actor: AuditActor, ref: Ref, body: CanaryBody): Promise<CanaryView> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: false, write: true });
  if (body.stable === body.canary) throw new AppError("validation_failed", "The stable and the canary version must differ.");
  await db.$transaction(async (tx) => {
    const versions = await tx.modelVersion.findMany({
      where: { modelId: model.id, version: { in: [body.stable, body.canary] } },
      select: { id: true, version: true, status: true },
    });
    const find = (v: string) => {
      const row = versions.find((x) => x.version === v);
      if (!row) throw notFound(`Version ${v} of ${model.slug}`);
      if (row.status !== "approved")
        throw new AppError("invalid_transition", `Version ${v} is ${row.status}; a canary splits traffic between approved versions.`, {
          details: { version: v, currentStatus: row.status },
        });
      return row;
    };
    const stable = find(body.stable);
    const canary = find(body.canary);
    const before = await tx.modelCanary.findUnique({
      where: { modelId: model.id },
      select: { stableVersionId: true, canaryVersionId: true, weight: true },
    });
    const data = {
      stableVersionId: stable.id,
      canaryVersionId: canary.id,
      weight: body.weight,
      setById: actor.id,
      rolledBackAt: null,
      rollbackReason: null,
    };
    await tx.modelCanary.upsert({ where: { modelId: model.id }, create: { modelId: model.id, ...data }, update: data });
    await recordAudit(tx, actor, {
      action: "model.canary.set",
      targetType: "model",
      targetId: model.id,
      before: before ?? null,
      after: { model: model.slug, stable: body.stable, canary: body.canary, weight: body.weight },
    });
  });
  return getCanary(principal, ref);
}

/** Ends the split (idempotent): range and latest calls resolve as without a canary. */
export async function deleteCanary(principal: Principal | null, actor: AuditActor, ref: Ref): Promise<CanaryView> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: false, write: true });
  await db.$transaction(async (tx) => {
    const before = await tx.modelCanary.findUnique({
      where: { modelId: model.id },
      select: { stableVersionId: true, canaryVersionId: true, weight: true },
    });
    if (!before) return;
    await tx.modelCanary.delete({ where: { modelId: model.id } });
    await recordAudit(tx, actor, {
      action: "model.canary.stop",
      targetType: "model",
      targetId: model.id,
      before,
      after: { model: model.slug },
    });
  });
  return getCanary(principal, ref);
}
