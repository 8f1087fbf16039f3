import "server-only";
import { db } from "@/lib/server/db";
import type { Publisher } from "@/lib/publishing/publisher";

/** Teams the publisher may publish into (an admin: every team), for the team select of the new-model form. */
export async function listPublishTeams(publisher: Publisher) {
  const where = publisher.kind === "key" ? { id: publisher.teamId } : publisher.role === "admin" ? {} : { id: { in: publisher.teamIds } };
  return db.team.findMany({ where, orderBy: { name: "asc" }, select: { slug: true, name: true } });
}
