import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/server/db";
import { findVersion } from "@/lib/governance/find-version";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { AppError, forbidden } from "@/lib/server/errors";
import { notify } from "@/lib/notifications/notify";
import { publisherIds, reviewerIds } from "@/lib/notifications/recipients";

/**
 * A remark on a submitted version, without deciding: a reviewer asks the publishers, or the owning team
 * answers. The other side is notified in the same transaction (the reviewers who already took part, else all).
 */
export async function commentOnVersion(input: {
  user: SessionUser;
  actor: AuditActor;
  ref: { owner: string; name: string; version: string };
  body: string;
}) {
  return db.$transaction(async (tx) => {
    const v = await findVersion(tx, input.ref);
    const reviewerSide = can(input.user.role, "versions:review");
    const teamSide = input.user.teamIds.includes(v.model.teamId);
    if (!reviewerSide && !teamSide) throw forbidden("Only reviewers and the owning team can comment on a version.");
    if (v.status === "draft")
      throw new AppError("invalid_transition", `Version ${v.version} is a draft; comments start once it is submitted for review.`);
    const comment = await tx.versionComment.create({
      data: { versionId: v.id, authorId: input.user.id, body: input.body },
      select: { id: true, createdAt: true },
    });
    const model = await tx.model.findUniqueOrThrow({ where: { id: v.model.id }, select: { displayName: true } });
    const label = `${model.displayName} ${v.version}`;
    const toPublishers = reviewerSide && !teamSide;
    let recipients: string[];
    if (toPublishers) recipients = await publisherIds(tx, v.id);
    else {
      const involved = await tx.review.findMany({ where: { versionId: v.id }, select: { reviewerId: true } });
      const commenters = await tx.versionComment.findMany({
        where: { versionId: v.id, author: { role: { in: ["reviewer", "admin"] } } },
        select: { authorId: true },
      });
      recipients = [...involved.map((r) => r.reviewerId), ...commenters.map((c) => c.authorId)];
      if (recipients.length === 0) recipients = await reviewerIds(tx);
    }
    await notify(tx, recipients, {
      kind: "version.commented",
      versionId: v.id,
      actorId: input.user.id,
      title: `${input.user.name} commented on ${label}`,
      body: input.body,
      link: toPublishers ? `/publish/${v.model.slug}` : `/review/${v.id}`,
    });
    await recordAudit(tx, input.actor, {
      action: "version.comment",
      targetType: "version",
      targetId: v.id,
      after: { commentId: comment.id, model: v.model.slug, version: v.version },
    });
    return { id: comment.id, createdAt: comment.createdAt.toISOString() };
  }, GOVERNANCE_TX);
}
