import "server-only";
import { db } from "@/lib/server/db";
import { approvalsRequired } from "@/lib/governance/approvals";
import { computeChecklist } from "@/lib/governance/policy-checklist";
import type { ChecklistItem } from "@/lib/governance/schemas";

export type VersionReviewStatus = {
  versionId: string;
  version: string;
  status: string;
  checklist: ChecklistItem[];
  /** Why Submit is not possible yet (the failing checklist items), empty when it is. */
  blockers: string[];
  approvalsRequired: number;
  notifiedReviewers: string[];
  reviews: { reviewer: string; decision: string; comment: string; at: Date }[];
  comments: { author: string; body: string; at: Date }[];
};

/**
 * What the publisher sees per draft or version in review on the manage page: the live checklist (the same one
 * reviewers get), who was told about the submission, the decisions and the conversation so far.
 */
export async function getReviewStatus(modelId: string): Promise<VersionReviewStatus[]> {
  const [model, versions] = await Promise.all([
    db.model.findUniqueOrThrow({ where: { id: modelId }, select: { riskLevel: true } }),
    db.modelVersion.findMany({
      where: { modelId, status: { in: ["draft", "pending_review", "rejected"] } },
      select: {
        id: true,
        version: true,
        status: true,
        reviews: {
          orderBy: { createdAt: "asc" },
          select: { decision: true, comment: true, createdAt: true, reviewer: { select: { name: true } } },
        },
        comments: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true, author: { select: { name: true } } } },
        notifications: { where: { kind: "version.submitted" }, select: { recipient: { select: { name: true } } } },
      },
    }),
  ]);
  return Promise.all(
    versions.map(async (v) => {
      const checklist = await computeChecklist(db, v.id);
      return {
        versionId: v.id,
        version: v.version,
        status: v.status,
        checklist,
        blockers: checklist.filter((i) => !i.ok).map((i) => i.detail ?? i.label),
        approvalsRequired: approvalsRequired(model.riskLevel),
        notifiedReviewers: [...new Set(v.notifications.map((n) => n.recipient.name))].sort(),
        reviews: v.reviews.map((r) => ({ reviewer: r.reviewer.name, decision: r.decision, comment: r.comment, at: r.createdAt })),
        comments: v.comments.map((c) => ({ author: c.author.name, body: c.body, at: c.createdAt })),
      };
    }),
  );
}
