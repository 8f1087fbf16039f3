import "server-only";
import { db } from "@/lib/server/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { updateAppSchema, type UpdateAppInput } from "@/lib/apps/schemas";
import { notFound } from "@/lib/server/errors";

/**
 * Changes an app of one of the user's teams: today its allowed browser origins (CORS). Other teams' apps
 * answer 404, as if they did not exist. Audited with the list before and after.
 */
export async function updateApp(input: {
  user: Pick<SessionUser, "id" | "teamIds">;
  actor: AuditActor;
  appId: string;
  data: UpdateAppInput;
}) {
  const data = updateAppSchema.parse(input.data);
  return db.$transaction(async (tx) => {
    const where = { id: input.appId, teamId: { in: input.user.teamIds }, deletedAt: null };
    const before = await tx.app.findFirst({ where, select: { id: true, allowedOrigins: true } });
    if (!before) throw notFound("The app");
    const app = await tx.app.update({
      where: { id: before.id },
      data: { allowedOrigins: data.allowedOrigins },
      select: { id: true, name: true, allowedOrigins: true },
    });
    await recordAudit(tx, input.actor, {
      action: "app.update",
      targetType: "app",
      targetId: app.id,
      before: { allowedOrigins: before.allowedOrigins },
      after: { allowedOrigins: app.allowedOrigins },
    });
    return app;
  });
}
