import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { transitionVersion } from "@/lib/governance/version-state";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { findOwnVersion } from "@/lib/publishing/find-own-model";
import { publisherUserId, type PublishContext } from "@/lib/publishing/publisher";
import { toVersionView } from "@/lib/publishing/version-view";

/** Sends a draft to the review queue (draft → pending_review); from here on the version is immutable. */
export async function submitVersion(ctx: PublishContext, owner: string, name: string, version: string) {
  return db.$transaction(async (tx) => {
    const { model, version: current } = await findOwnVersion(tx, ctx.publisher, owner, name, version);
    const submittedAt = new Date();
    await transitionVersion(tx, current.id, "pending_review", { from: ["draft"], data: { submittedById: publisherUserId(ctx.publisher), submittedAt } });
    await recordAudit(tx, ctx.actor, {
      action: "version.submit", targetType: "version", targetId: current.id,
      before: { status: current.status }, after: { status: "pending_review", model: model.slug, version: current.version },
    });
    await enqueueWebhookEvent(tx, "version.submitted", { model: model.slug, version: current.version, versionId: current.id, submittedAt: submittedAt.toISOString() });
    const updated = await tx.modelVersion.findUniqueOrThrow({ where: { id: current.id } });
    return toVersionView(updated, model.slug);
  });
}
