import "server-only";
import { db } from "@/lib/server/db";

/** The teams a user may create apps for (their memberships), with the business unit that pays. */
export async function listMyTeams(input: { teamIds: string[] }) {
  return db.team.findMany({
    where: { id: { in: input.teamIds } },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, businessUnit: { select: { name: true } } },
  });
}
