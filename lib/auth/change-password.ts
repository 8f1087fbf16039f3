import "server-only";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { recordSignInFailure, signInLockOf } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: z.string().min(10, "Use at least 10 characters.").max(200),
  })
  .refine((d) => d.currentPassword !== d.newPassword, {
    message: "The new password must differ from the current one.",
    path: ["newPassword"],
  });

/**
 * Changes a password-account's password and ends every session of the account — this browser's too, so a
 * cookie copied before the change is worthless at once. A wrong current password counts as a failed
 * sign-in (the same throttle), so a borrowed session cannot be used to guess it.
 */
export async function changePassword(input: {
  user: { id: string; email: string };
  actor: AuditActor;
  data: unknown;
}): Promise<{ sessionsEnded: number }> {
  const data = changePasswordInput.parse(input.data);
  const who = { email: input.user.email, ip: input.actor.ip ?? null };
  const lock = await signInLockOf(who);
  if (lock)
    throw new AppError("rate_limited", `Too many wrong passwords. Try again in ${Math.ceil(lock.retryAfterS / 60)} minutes.`, {
      headers: { "retry-after": String(lock.retryAfterS) },
    });
  const user = await db.user.findUniqueOrThrow({ where: { id: input.user.id }, select: { passwordHash: true } });
  if (!user.passwordHash)
    throw new AppError("conflict", "Your account signs in through the company's single sign-on; change your password there.");
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    await recordSignInFailure(who);
    throw new AppError("forbidden", "The current password is not right.");
  }
  const passwordHash = await hashPassword(data.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.user.id }, data: { passwordHash } });
    const sessionsEnded = await endUserSessions(tx, input.user.id, "password_change");
    await recordAudit(tx, input.actor, {
      action: "user.password_change",
      targetType: "user",
      targetId: input.user.id,
      after: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}
