import "server-only";
import { db } from "@/lib/server/db";
import type { DbOrTx } from "@/lib/audit/record-audit";

/** Why a session ended (user_sessions.endReason). */
export type SessionEnd = "sign_out" | "password_change" | "disabled" | "admin_sign_out" | "sign_out_everywhere";

/** The longest a browser session lives, however active, before its person signs in again. */
export const SESSION_MAX_DAYS = 30;
const maxAgeMs = () => SESSION_MAX_DAYS * 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens a session for a user who just signed in (its id goes into the session cookie); prunes their old rows. */
export async function openSession(userId: string): Promise<string> {
  const before = new Date(Date.now() - maxAgeMs());
  await db.userSession.deleteMany({ where: { userId, OR: [{ createdAt: { lt: before } }, { revokedAt: { lt: before } }] } });
  const session = await db.userSession.create({ data: { userId }, select: { id: true } });
  return session.id;
}

/** Where-clause of a user's sessions that still sign them in. */
export function liveSessionsOf(userId: string) {
  return { userId, revokedAt: null, createdAt: { gt: new Date(Date.now() - maxAgeMs()) } };
}

/** Where-clause of one session that still signs its user in. */
export function liveSession(sessionId: string, userId: string) {
  return { id: sessionId, ...liveSessionsOf(userId) };
}

/** A session id (and user id) is a UUID; anything else names no session. */
export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Ends one session (sign-out). Ending it twice is harmless. */
export async function endSession(sessionId: unknown, reason: SessionEnd = "sign_out"): Promise<void> {
  if (!isSessionId(sessionId)) return;
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), endReason: reason } });
}

/** Ends every live session of a user at once (password change, disabling, "sign out everywhere"); the count ended. */
export async function endUserSessions(tx: DbOrTx, userId: string, reason: SessionEnd): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date(), endReason: reason },
  });
  return count;
}

/** The user a session cookie's token signs in, or null when its session has ended (or the user is disabled). */
export async function liveSessionUser(token: { uid?: unknown; sid?: unknown } | null) {
  if (!token || !isSessionId(token.uid) || !isSessionId(token.sid)) return null;
  const session = await db.userSession.findFirst({
    where: liveSession(token.sid, token.uid),
    select: {
      user: { select: { id: true, email: true, name: true, role: true, disabled: true, memberships: { select: { teamId: true } } } },
    },
  });
  return session && !session.user.disabled ? session.user : null;
}
