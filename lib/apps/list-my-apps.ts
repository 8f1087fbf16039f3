import "server-only";
import { db } from "@/lib/db";

/** Apps of the teams the user belongs to, with their keys (never the secrets). */
export async function listMyApps(teamIds: string[]) {
  return db.app.findMany({
    where: { teamId: { in: teamIds }, deletedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, description: true, createdAt: true,
      team: { select: { name: true, businessUnit: { select: { name: true } } } },
      keys: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, scopes: true, lastUsedAt: true, expiresAt: true, revokedAt: true } },
    },
  });
}
