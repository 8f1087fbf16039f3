import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VersionStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/server/errors";

// The one place that knows the version lifecycle: draft → pending_review → approved | rejected,
// approved → deprecated → retired. (A database trigger enforces the same table.)
export const TRANSITIONS: Record<VersionStatus, readonly VersionStatus[]> = {
  draft: ["pending_review"],
  pending_review: ["approved", "rejected"],
  approved: ["deprecated"],
  deprecated: ["retired"],
  rejected: [],
  retired: [],
};

export function canTransition(from: VersionStatus, to: VersionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Moves a version to `to` if, and only if, it is currently in `from` (or any state allowed to reach `to`
 * when `from` is omitted). The check and the write are one conditional UPDATE, so of two concurrent
 * callers exactly one wins; the loser gets 409 with the current state.
 */
export async function transitionVersion(
  tx: DbOrTx,
  versionId: string,
  to: VersionStatus,
  options: { from?: VersionStatus[]; data?: Prisma.ModelVersionUncheckedUpdateManyInput } = {},
): Promise<{ from: VersionStatus }> {
  const allowedFrom = (Object.keys(TRANSITIONS) as VersionStatus[]).filter(
    (s) => canTransition(s, to) && (!options.from || options.from.includes(s)),
  );
  const current = await tx.modelVersion.findUnique({ where: { id: versionId }, select: { status: true, version: true } });
  if (!current) throw new AppError("not_found", "The version was not found.");
  const { count } = await tx.modelVersion.updateMany({
    where: { id: versionId, status: { in: allowedFrom } },
    data: { ...options.data, status: to },
  });
  if (count === 0) {
    const now = await tx.modelVersion.findUnique({ where: { id: versionId }, select: { status: true } });
    throw new AppError("invalid_transition", `Version ${current.version} is ${now?.status ?? current.status}; it cannot become ${to}.`, {
      details: { currentStatus: now?.status ?? current.status, requestedStatus: to },
    });
  }
  return { from: current.status };
}
