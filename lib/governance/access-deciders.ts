import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/generated/prisma/enums";

export type GovernanceUser = { id: string; role: Role; teamIds: string[] };

/** Reviewers and admins decide every access request; otherwise the maintainers of the owning team. */
export async function canDecideAccess(tx: DbOrTx, user: GovernanceUser, modelTeamId: string): Promise<boolean> {
  if (user.role === "reviewer" || user.role === "admin") return true;
  if (!user.teamIds.includes(modelTeamId)) return false;
  const m = await tx.teamMember.findUnique({ where: { userId_teamId: { userId: user.id, teamId: modelTeamId } }, select: { role: true } });
  return m?.role === "maintainer";
}
