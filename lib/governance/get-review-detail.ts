import "server-only";
import { db } from "@/lib/server/db";
import { computeChecklist } from "@/lib/governance/policy-checklist";
import { approvalsRequired } from "@/lib/governance/approvals";
import { submitterLabel } from "@/lib/governance/list-review-queue";
import { diffWithPreviousVersion } from "@/lib/governance/version-diff";
import { notFound } from "@/lib/server/errors";

/** Everything a reviewer needs to decide on one version: what changed, the checklist, earlier decisions. */
export async function getReviewDetail(input: { versionId: string; viewerId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(input.versionId)) throw notFound("The version");
  const v = await db.modelVersion.findUnique({
    where: { id: input.versionId },
    select: {
      id: true,
      version: true,
      status: true,
      runtime: true,
      submittedAt: true,
      changelog: true,
      exampleInput: true,
      createdById: true,
      submittedById: true,
      submittedBy: { select: { name: true, email: true } },
      submittedByKey: {
        select: { prefix: true, createdById: true, app: { select: { name: true } }, createdBy: { select: { name: true } } },
      },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
      model: {
        select: {
          id: true,
          name: true,
          slug: true,
          displayName: true,
          riskLevel: true,
          card: true,
          team: { select: { slug: true, name: true } },
        },
      },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { id: true, decision: true, comment: true, createdAt: true, reviewerId: true, reviewer: { select: { name: true } } },
      },
    },
  });
  if (!v) throw notFound("The version");
  const [checklist, diff] = await Promise.all([computeChecklist(db, v.id), diffWithPreviousVersion(db, v.id)]);
  const ownVersion = [v.createdById, v.submittedById, v.submittedByKey?.createdById].includes(input.viewerId);
  const alreadyReviewed = v.reviews.some((r) => r.reviewerId === input.viewerId);
  return {
    ...v,
    submitter: submitterLabel(v),
    checklist,
    diff,
    ownVersion,
    alreadyReviewed,
    approvalsRequired: approvalsRequired(v.model.riskLevel),
    owner: v.model.team.slug,
  };
}
