import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { approvalsRequired } from "@/lib/governance/approvals";
import { submitterLabel } from "@/lib/governance/list-review-queue";
import { transitionVersion } from "@/lib/version-lifecycle/version-state";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { notify } from "@/lib/notifications/notify";
import { reviewerIds } from "@/lib/notifications/recipients";
import { findOwnVersion } from "@/lib/publishing/find-own-model";
import { publisherUserId, type PublishContext } from "@/lib/publishing/publisher";
import { toVersionView } from "@/lib/publishing/version-view";
import { runGoldenTests } from "@/lib/golden-tests/run-golden-tests";
import { log } from "@/lib/server/log";

/**
 * Sends a draft to the review queue (draft → pending_review); from here on the version is immutable. The
 * reviewers are notified in the same transaction, so a submitted version is never waiting unannounced. Its
 * golden tests (if any) run once it is submitted.
 */
export async function submitVersion(ctx: PublishContext, owner: string, name: string, version: string) {
  const view = await db.$transaction(async (tx) => {
    const { model, version: current } = await findOwnVersion(tx, ctx.publisher, owner, name, version);
    const submittedAt = new Date();
    const keyId = ctx.publisher.kind === "key" ? ctx.publisher.keyId : null;
    await transitionVersion(tx, current.id, "pending_review", {
      from: ["draft"],
      data: { submittedById: publisherUserId(ctx.publisher), submittedByKeyId: keyId, submittedAt },
    });
    await recordAudit(tx, ctx.actor, {
      action: "version.submit",
      targetType: "version",
      targetId: current.id,
      before: { status: current.status },
      after: { status: "pending_review", model: model.slug, version: current.version },
    });
    await enqueueWebhookEvent(tx, "version.submitted", {
      model: model.slug,
      version: current.version,
      versionId: current.id,
      submittedAt: submittedAt.toISOString(),
    });
    const facts = await tx.modelVersion.findUniqueOrThrow({
      where: { id: current.id },
      select: {
        model: { select: { riskLevel: true, displayName: true } },
        submittedBy: { select: { name: true } },
        submittedByKey: { select: { prefix: true, app: { select: { name: true } }, createdBy: { select: { name: true } } } },
      },
    });
    const needed = approvalsRequired(facts.model.riskLevel);
    await notify(tx, await reviewerIds(tx), {
      kind: "version.submitted",
      versionId: current.id,
      actorId: ctx.actor.id,
      link: `/review/${current.id}`,
      title: `${facts.model.displayName} ${current.version} is waiting for review`,
      body: `${model.slug} ${current.version} was submitted by ${submitterLabel(facts)}; it needs ${needed === 2 ? "two approvals from different reviewers (high risk)" : "one approval"}.`,
    });
    const updated = await tx.modelVersion.findUniqueOrThrow({ where: { id: current.id } });
    return toVersionView(updated, model.slug);
  });
  // Golden tests run at submit, after the commit (a model server's answer never holds the version's lock);
  // their run is stored for the reviewers' checklist. A failure to run them is a failed run, not a failed submit.
  await runGoldenTests(view.id, "submit").catch((error: unknown) =>
    log().error({ versionId: view.id, err: error }, "golden tests could not run at submit"),
  );
  return view;
}
