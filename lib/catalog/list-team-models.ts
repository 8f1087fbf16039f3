import "server-only";
import { db } from "@/lib/server/db";

/** Models owned by the given teams with every version's status (the publisher's own view). */
export async function listTeamModels(teamIds: string[]) {
  return db.model.findMany({
    where: { teamId: { in: teamIds } },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      slug: true,
      displayName: true,
      visibility: true,
      team: { select: { name: true } },
      versions: {
        orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
        select: { id: true, version: true, status: true, runtime: true },
      },
    },
  });
}
