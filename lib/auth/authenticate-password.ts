import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";

// A fixed bcrypt hash compared against when the user does not exist, so timing does not reveal which
// emails have accounts.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8DPLKXt1FYlwYpQW3T6z6dG5s2Gr8K";

/** The user with this email and password, or null; disabled users cannot sign in. */
export async function authenticatePassword(email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok || user.disabled) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return user;
}
