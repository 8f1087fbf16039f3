import "server-only";
import { db } from "@/lib/server/db";

export async function listUsers() {
  return db.user.findMany({
    // By email only: a role change must not move the row the admin is editing.
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lastLoginAt: true,
      memberships: { select: { team: { select: { name: true } } } },
    },
  });
}
