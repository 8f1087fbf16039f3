import "server-only";
import { db } from "@/lib/db";
import { computeChecklist } from "@/lib/governance/policy-checklist";
import { approvalsRequired } from "@/lib/governance/review-version";

/** Versions waiting for review, oldest first, with their computed checklist and approvals so far. */
export async function listReviewQueue() {
  const versions = await db.modelVersion.findMany({
    where: { status: "pending_review" },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true, version: true, runtime: true, submittedAt: true, changelog: true, createdById: true, submittedById: true,
      submittedBy: { select: { name: true, email: true } },
      model: { select: { slug: true, displayName: true, riskLevel: true } },
      reviews: { where: { decision: "approve" }, select: { reviewerId: true } },
    },
  });
  return Promise.all(
    versions.map(async (v) => {
      const checklist = await computeChecklist(db, v.id);
      return { ...v, missing: checklist.filter((i) => !i.ok).map((i) => i.label), approvals: v.reviews.length, approvalsRequired: approvalsRequired(v.model.riskLevel) };
    }),
  );
}
