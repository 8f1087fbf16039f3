import "server-only";
import { db } from "@/lib/db";

/** Versions waiting for review, oldest first. */
export async function listReviewQueue() {
  return db.modelVersion.findMany({
    where: { status: "pending_review" },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true, version: true, runtime: true, submittedAt: true, changelog: true,
      submittedBy: { select: { name: true, email: true } },
      model: { select: { slug: true, displayName: true, riskLevel: true } },
    },
  });
}
