import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { notify } from "@/lib/notifications/notify";
import { publisherIds, reviewerIds } from "@/lib/notifications/recipients";

type Decision = {
  versionId: string;
  reviewerId: string;
  status: "pending_review" | "approved" | "rejected";
  decision: "approve" | "reject";
  comment: string;
  approvals: number;
  required: number;
};

/**
 * Tells the publishers what a reviewer decided (in the decision's transaction). A first approval of a
 * high-risk version also goes to the other reviewers, since it now waits for one of them.
 */
export async function notifyDecision(tx: DbOrTx, d: Decision): Promise<void> {
  const v = await tx.modelVersion.findUniqueOrThrow({
    where: { id: d.versionId },
    select: { version: true, createdById: true, submittedById: true, model: { select: { slug: true, displayName: true } } },
  });
  const reviewer = await tx.user.findUniqueOrThrow({ where: { id: d.reviewerId }, select: { name: true } });
  const label = `${v.model.displayName} ${v.version}`;
  const said = d.comment ? ` "${d.comment}"` : "";
  const publishers = await publisherIds(tx, d.versionId);
  const base = { versionId: d.versionId, actorId: d.reviewerId, link: `/publish/${v.model.slug}` };
  if (d.status === "rejected") {
    await notify(tx, publishers, {
      ...base,
      kind: "version.rejected",
      title: `${label} was rejected`,
      body: `${reviewer.name} rejected it:${said}. Fix it in a new version and submit that.`,
    });
  } else if (d.status === "approved") {
    await notify(tx, publishers, {
      ...base,
      kind: "version.approved",
      title: `${label} is approved`,
      body: `${reviewer.name} approved it${said ? `:${said}` : ""}. Applications can call it now.`,
    });
  } else {
    const progress = `${d.approvals} of ${d.required} approvals`;
    await notify(tx, publishers, {
      ...base,
      kind: "version.approval_recorded",
      title: `${label}: ${progress}`,
      body: `${reviewer.name} approved it${said ? `:${said}` : ""}; it needs an approval from another reviewer.`,
    });
    const others = (await reviewerIds(tx)).filter((id) => id !== v.createdById && id !== v.submittedById);
    await notify(tx, others, {
      ...base,
      link: `/review/${d.versionId}`,
      kind: "version.approval_recorded",
      title: `${label} needs a second approval`,
      body: `${reviewer.name} approved it (${progress}); a high-risk version needs another reviewer.`,
    });
  }
}
