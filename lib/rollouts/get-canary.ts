import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";
import { findStewardedModel } from "@/lib/rollouts/model-steward";
import { canaryFigures, canaryWindowMs } from "@/lib/rollouts/canary-figures";
import type { CanaryView } from "@/lib/rollouts/schemas";

/** A model's canary and the figures it is judged on, by model id — the caller has checked who may see it. */
export async function canaryOf(modelId: string): Promise<CanaryView> {
  const c = await db.modelCanary.findUnique({
    where: { modelId },
    select: {
      stableVersionId: true,
      canaryVersionId: true,
      weight: true,
      updatedAt: true,
      rolledBackAt: true,
      rollbackReason: true,
      stableVersion: { select: { version: true } },
      canaryVersion: { select: { version: true } },
    },
  });
  if (!c) return { canary: null, figures: null };
  const since = new Date(Math.max(Date.now() - canaryWindowMs(), c.updatedAt.getTime()));
  return {
    canary: {
      stable: c.stableVersion.version,
      canary: c.canaryVersion.version,
      weight: c.weight,
      updatedAt: c.updatedAt.toISOString(),
      rolledBackAt: c.rolledBackAt?.toISOString() ?? null,
      rollbackReason: c.rollbackReason,
    },
    figures: await canaryFigures(modelId, c.stableVersionId, c.canaryVersionId, since),
  };
}

/** The model's canary with its figures (the team, reviewers, admins). */
export async function getCanary(principal: Principal | null, ref: { owner: string; name: string }): Promise<CanaryView> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: true });
  return canaryOf(model.id);
}
