import "server-only";
import { db } from "@/lib/server/db";
import { approvalsRequired } from "@/lib/governance/approvals";
import { computeChecklist } from "@/lib/governance/policy-checklist";

/** Who submitted: a person, or an API key (named by its app and the person who created the key). */
export function submitterLabel(v: {
  submittedBy: { name: string } | null;
  submittedByKey: { prefix: string; app: { name: string }; createdBy: { name: string } | null } | null;
}): string {
  const key = v.submittedByKey;
  if (key) {
    const via = `API key ${key.prefix} of app ${key.app.name}`;
    const person = v.submittedBy?.name ?? key.createdBy?.name;
    return person ? `${person} (${via})` : `${via} (creator unknown)`;
  }
  return v.submittedBy?.name ?? "—";
}

/**
 * Versions waiting for review, oldest first, with their computed checklist and approvals so far. For the
 * viewing reviewer, `waitingForMe` marks those they may decide now: not theirs, and not yet reviewed by them.
 */
export async function listReviewQueue(viewerId?: string) {
  const versions = await db.modelVersion.findMany({
    where: { status: "pending_review" },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true,
      version: true,
      runtime: true,
      submittedAt: true,
      changelog: true,
      createdById: true,
      submittedById: true,
      submittedBy: { select: { name: true, email: true } },
      submittedByKey: {
        select: { prefix: true, createdById: true, app: { select: { name: true } }, createdBy: { select: { name: true } } },
      },
      model: { select: { slug: true, displayName: true, riskLevel: true } },
      reviews: { select: { reviewerId: true, decision: true } },
    },
  });
  return Promise.all(
    versions.map(async (v) => {
      const checklist = await computeChecklist(db, v.id);
      const own = viewerId !== undefined && [v.createdById, v.submittedById, v.submittedByKey?.createdById].includes(viewerId);
      const reviewedByMe = viewerId !== undefined && v.reviews.some((r) => r.reviewerId === viewerId);
      return {
        ...v,
        submitter: submitterLabel(v),
        missing: checklist.filter((i) => !i.ok).map((i) => i.label),
        approvals: v.reviews.filter((r) => r.decision === "approve").length,
        approvalsRequired: approvalsRequired(v.model.riskLevel),
        waitingForMe: viewerId !== undefined && !own && !reviewedByMe,
      };
    }),
  );
}
