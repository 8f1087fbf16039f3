import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { verifyPassword } from "@/lib/auth/password";
import { recordSignInFailure, recordSignInSuccess, signInLockOf, type SignInLock } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/server/db";

// A fixed bcrypt hash compared against when the user does not exist, so timing does not reveal which
// emails have accounts.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8DPLKXt1FYlwYpQW3T6z6dG5s2Gr8K";

export type PasswordSignIn =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "locked" | "wrong_password" | "unknown_account" | "no_password" | "disabled"; lock: SignInLock | null };

/**
 * Checks an email and password. Locked accounts and addresses (sign-in throttling) are refused before the
 * password is even compared; every failure counts towards a lock, and every outcome — success, failure,
 * a lock starting — is written to the audit trail with the client's address. Disabled users cannot sign in.
 */
export async function authenticatePassword(
  email: string,
  password: string,
  context: { ip: string | null } = { ip: null },
): Promise<PasswordSignIn> {
  const address = email.trim().toLowerCase();
  const who = { email: address, ip: context.ip };
  const lock = await signInLockOf(who);
  if (lock) return { ok: false, reason: "locked", lock };
  const user = await db.user.findUnique({
    where: { email: address },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const reason = !user
    ? "unknown_account"
    : !user.passwordHash
      ? "no_password"
      : !matches
        ? "wrong_password"
        : user.disabled
          ? "disabled"
          : null;
  const actor = { id: null, label: address.slice(0, 200), ip: context.ip };
  if (reason || !user) {
    // The right password of a disabled account is no guess: it does not count towards a lock.
    const locks = reason === "disabled" ? [] : await recordSignInFailure(who);
    await db.$transaction(async (tx) => {
      await recordAudit(tx, actor, {
        action: "auth.sign_in_failed",
        targetType: "user",
        targetId: user?.id ?? address.slice(0, 200),
        after: { method: "password", reason: reason ?? "unknown_account" },
      });
      for (const l of locks) {
        await recordAudit(
          tx,
          { ...actor, label: "sign-in throttle" },
          {
            action: "auth.sign_in_locked",
            targetType: l.scope === "account" ? "user" : "client_ip",
            targetId: l.scope === "account" ? (user?.id ?? address.slice(0, 200)) : (context.ip ?? "unknown"),
            after: { scope: l.scope, failures: l.failures, lockedForSeconds: l.retryAfterS },
          },
        );
      }
    });
    const longest = locks.reduce<SignInLock | null>(
      (a, l) => (!a || l.retryAfterS > a.retryAfterS ? { scope: l.scope, retryAfterS: l.retryAfterS } : a),
      null,
    );
    return { ok: false, reason: reason ?? "unknown_account", lock: longest };
  }
  await recordSignInSuccess(who);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(
      tx,
      { id: user.id, label: user.email, ip: context.ip },
      { action: "auth.sign_in", targetType: "user", targetId: user.id, after: { method: "password" } },
    );
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
