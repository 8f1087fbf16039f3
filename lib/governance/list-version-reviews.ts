import "server-only";
import { db } from "@/lib/server/db";

/**
 * Review decisions and comments, for the model page and the publisher's "my submissions" view. Drafts and
 * reviews of a team's versions are only shown to that team (and to reviewers/admins).
 */
export async function listVersionReviews(input: {
  viewer: { role: string; teamIds: string[] };
  modelId?: string;
  teamOnly?: boolean;
  take?: number;
}) {
  const privileged = input.viewer.role === "reviewer" || input.viewer.role === "admin";
  const teamFilter = input.teamOnly || !privileged ? { model: { teamId: { in: input.viewer.teamIds } } } : {};
  return db.modelVersion.findMany({
    where: { ...(input.modelId ? { modelId: input.modelId } : {}), ...teamFilter, status: { not: "draft" } },
    orderBy: [{ submittedAt: "desc" }],
    take: input.take ?? 100,
    select: {
      id: true,
      version: true,
      status: true,
      submittedAt: true,
      approvedAt: true,
      model: { select: { slug: true, displayName: true } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { id: true, decision: true, comment: true, createdAt: true, reviewer: { select: { name: true } } },
      },
    },
  });
}
