import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";

/** Everyone who reviews versions (reviewers, not disabled): a submitted version is announced to them. */
export async function reviewerIds(tx: DbOrTx): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { role: "reviewer", disabled: false }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * The people behind a version: who created and who submitted it, and the person who created the API key
 * that submitted it. When none is known (old rows, keys without a creator), the owning team's members.
 */
export async function publisherIds(tx: DbOrTx, versionId: string): Promise<string[]> {
  const v = await tx.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      createdById: true,
      submittedById: true,
      submittedByKey: { select: { createdById: true } },
      model: { select: { teamId: true } },
    },
  });
  const people = [v.createdById, v.submittedById, v.submittedByKey?.createdById].filter((id): id is string => Boolean(id));
  if (people.length > 0) return [...new Set(people)];
  const members = await tx.teamMember.findMany({ where: { teamId: v.model.teamId, user: { disabled: false } }, select: { userId: true } });
  return members.map((m) => m.userId);
}
