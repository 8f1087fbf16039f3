import "server-only";
import type { SessionUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/server/db";

/** May this person manage (edit, add versions to) the model? Its team's publishers, and admins. */
export async function canManageModel(user: SessionUser | null, modelId: string): Promise<boolean> {
  if (!user || !can(user.role, "models:publish")) return false;
  if (user.role === "admin") return true;
  const model = await db.model.findUnique({ where: { id: modelId }, select: { teamId: true } });
  return model !== null && user.teamIds.includes(model.teamId);
}
