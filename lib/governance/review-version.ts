import "server-only";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import { findVersion, lockVersion } from "@/lib/governance/find-version";
import { computeChecklist } from "@/lib/governance/policy-checklist";
import type { ReviewBody } from "@/lib/governance/schemas";
import { transitionVersion } from "@/lib/version-lifecycle/version-state";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { AppError, forbidden } from "@/lib/server/errors";
import { approvalsRequired } from "@/lib/governance/approvals";
import { notifyDecision } from "@/lib/governance/notify-decision";

export type Reviewer = { id: string; role: Role };

export { approvalsRequired };

/**
 * Records a reviewer's decision on a pending version. Runs under the version's row lock, so two concurrent
 * decisions are serialised and the second sees the first's outcome (a 409 once the version has left review).
 */
export async function reviewVersion(input: {
  reviewer: Reviewer;
  actor: AuditActor;
  ref: { owner: string; name: string; version: string };
  body: ReviewBody;
}) {
  const { reviewer, body } = input;
  if (!can(reviewer.role, "versions:review")) throw forbidden("Only reviewers can review versions.");
  return db.$transaction(async (tx) => {
    const v = await findVersion(tx, input.ref);
    const status = await lockVersion(tx, v.id);
    if (status !== "pending_review") {
      throw new AppError("invalid_transition", `Version ${v.version} is ${status}; only versions pending review can be reviewed.`, {
        details: { currentStatus: status },
      });
    }
    // People, not rows: the person who created the API key that submitted counts as the submitter.
    const keyCreator = (
      await tx.modelVersion.findUniqueOrThrow({ where: { id: v.id }, select: { submittedByKey: { select: { createdById: true } } } })
    ).submittedByKey?.createdById;
    if (reviewer.id === v.createdById || reviewer.id === v.submittedById || reviewer.id === keyCreator) {
      throw new AppError("self_approval", "Separation of duties: you cannot review a version you created or submitted.");
    }
    const checklist = await computeChecklist(tx, v.id);
    const missing = checklist.filter((i) => !i.ok);
    if (body.decision === "approve" && missing.length > 0) {
      throw new AppError("checklist_incomplete", `Approval is blocked: ${missing.map((i) => i.label).join(", ")}.`, {
        details: { missing: missing.map(({ key, label, detail }) => ({ key, label, detail })) },
      });
    }
    const previous = await tx.review.findUnique({
      where: { versionId_reviewerId: { versionId: v.id, reviewerId: reviewer.id } },
      select: { id: true },
    });
    if (previous)
      throw new AppError("conflict", "You have already reviewed this version; a second approval must come from another reviewer.");
    await tx.review.create({
      data: { versionId: v.id, reviewerId: reviewer.id, decision: body.decision, comment: body.comment, checklist },
    });

    const required = approvalsRequired(v.model.riskLevel);
    const approvals = await tx.review.count({ where: { versionId: v.id, decision: "approve" } });
    const target = { model: v.model.slug, version: v.version, versionId: v.id };
    let newStatus = status as "pending_review" | "approved" | "rejected";
    if (body.decision === "reject") {
      await transitionVersion(tx, v.id, "rejected", { from: ["pending_review"] });
      newStatus = "rejected";
      await enqueueWebhookEvent(tx, "version.rejected", { ...target, comment: body.comment, reviewerId: reviewer.id });
    } else if (approvals >= required) {
      await transitionVersion(tx, v.id, "approved", {
        from: ["pending_review"],
        data: { approvedById: reviewer.id, approvedAt: new Date() },
      });
      newStatus = "approved";
      await enqueueWebhookEvent(tx, "version.approved", { ...target, approvals, reviewerId: reviewer.id });
    }
    await notifyDecision(tx, {
      versionId: v.id,
      reviewerId: reviewer.id,
      status: newStatus,
      decision: body.decision,
      comment: body.comment,
      approvals,
      required,
    });
    await recordAudit(tx, input.actor, {
      action: body.decision === "reject" ? "version.reject" : newStatus === "approved" ? "version.approve" : "version.approve_partial",
      targetType: "version",
      targetId: v.id,
      before: { status },
      after: { status: newStatus, decision: body.decision, comment: body.comment, approvals, approvalsRequired: required },
    });
    return { version: v.version, status: newStatus, decision: body.decision, approvals, approvalsRequired: required, checklist };
  }, GOVERNANCE_TX);
}
