import "server-only";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { cache } from "react";
import { getToken } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";
import { liveSessionUser } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role; teamIds: string[] };

/**
 * The signed-in user, read fresh from the database on each request, so role changes and disabling
 * take effect at once (the session cookie only says who, never what they may do). The cookie names a
 * session row, and only a live row signs anyone in: after sign-out, a password change, disabling or an
 * admin's "sign out everywhere", a copied cookie is worthless at once. Null when anonymous.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = await getToken({ req: new NextRequest("http://localhost/", { headers: await headers() }), secret: authOptions().secret });
  const user = await liveSessionUser(token);
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.memberships.map((m) => m.teamId) };
});
