import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { endUserSessions } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";

/**
 * Ends every session of a user at once: the person themselves ("sign out everywhere" on their account page)
 * or an admin for anyone (a lost laptop, a leaked cookie). API keys are not sessions and keep working.
 */
export async function signOutEverywhere(input: {
  by: { id: string; role: Role };
  actor: AuditActor;
  userId: string;
}): Promise<{ sessionsEnded: number }> {
  const self = input.by.id === input.userId;
  if (!self && input.by.role !== "admin") throw forbidden("Only admins can sign other people out.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw notFound("The user");
    const sessionsEnded = await endUserSessions(tx, user.id, self ? "sign_out_everywhere" : "admin_sign_out");
    await recordAudit(tx, input.actor, {
      action: "user.sign_out_everywhere",
      targetType: "user",
      targetId: user.id,
      after: { sessionsEnded, by: self ? "self" : "admin" },
    });
    return { sessionsEnded };
  });
}
