import "server-only";
import { liveSessionsOf } from "@/lib/auth/sessions";
import { db } from "@/lib/server/db";

/** What the account page shows: how the person signs in and how many sessions are open. */
export async function getAccount(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { authProvider: true, passwordHash: true, lastLoginAt: true },
  });
  const openSessions = await db.userSession.count({ where: liveSessionsOf(userId) });
  return { signsInWithPassword: user.passwordHash !== null, authProvider: user.authProvider, lastLoginAt: user.lastLoginAt, openSessions };
}
