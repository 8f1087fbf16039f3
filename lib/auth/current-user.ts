import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role; teamIds: string[] };

/**
 * The signed-in user, read fresh from the database on each request, so role changes and disabling
 * take effect at once (the session cookie only says who, never what they may do). Null when anonymous.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, memberships: { select: { teamId: true } } },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.memberships.map((m) => m.teamId) };
});
