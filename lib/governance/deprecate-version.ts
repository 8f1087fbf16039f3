import "server-only";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { findVersion, lockVersion } from "@/lib/governance/find-version";
import type { DeprecateBody } from "@/lib/governance/schemas";
import { transitionVersion } from "@/lib/version-lifecycle/version-state";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { AppError, forbidden } from "@/lib/server/errors";

export type Deprecator = { id: string; role: Role; teamIds: string[] };

/** Publishers of the owning team, reviewers and admins may deprecate. */
export function canDeprecate(user: Deprecator, modelTeamId: string): boolean {
  if (user.role === "reviewer" || user.role === "admin") return true;
  return user.role === "publisher" && user.teamIds.includes(modelTeamId);
}

/** Marks an approved version deprecated with a sunset date; the sweeper retires it once that date passes. */
export async function deprecateVersion(input: {
  user: Deprecator;
  actor: AuditActor;
  ref: { owner: string; name: string; version: string };
  body: DeprecateBody;
  now?: Date;
}) {
  const { body } = input;
  const now = input.now ?? new Date();
  if (body.sunsetAt.getTime() <= now.getTime()) throw new AppError("validation_failed", "sunsetAt must be in the future.");
  return db.$transaction(async (tx) => {
    const v = await findVersion(tx, input.ref);
    if (!canDeprecate(input.user, v.model.teamId))
      throw forbidden("Only the owning team's publishers, reviewers and admins can deprecate a version.");
    const status = await lockVersion(tx, v.id);
    let replacement: { id: string; version: string; status: string } | null = null;
    if (body.replacementVersion) {
      if (body.replacementVersion === v.version) throw new AppError("validation_failed", "A version cannot replace itself.");
      replacement = await tx.modelVersion.findFirst({
        where: { modelId: v.modelId, version: body.replacementVersion },
        select: { id: true, version: true, status: true },
      });
      if (!replacement)
        throw new AppError("validation_failed", `replacementVersion ${body.replacementVersion} does not exist for this model.`);
      if (replacement.status !== "approved")
        throw new AppError("validation_failed", `replacementVersion ${body.replacementVersion} is not approved.`);
    }
    await transitionVersion(tx, v.id, "deprecated", {
      from: ["approved"],
      data: { deprecatedAt: now, sunsetAt: body.sunsetAt, deprecationMessage: body.message, replacementVersionId: replacement?.id ?? null },
    });
    const after = {
      status: "deprecated",
      sunsetAt: body.sunsetAt.toISOString(),
      message: body.message,
      replacementVersion: replacement?.version ?? null,
    };
    await recordAudit(tx, input.actor, { action: "version.deprecate", targetType: "version", targetId: v.id, before: { status }, after });
    await enqueueWebhookEvent(tx, "version.deprecated", { model: v.model.slug, version: v.version, versionId: v.id, ...after });
    return { version: v.version, ...after, status: "deprecated" as const };
  }, GOVERNANCE_TX);
}
