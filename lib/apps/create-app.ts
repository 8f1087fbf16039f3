import "server-only";
import { db } from "@/lib/server/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { createAppSchema, type AppView, type CreateAppInput } from "@/lib/apps/schemas";
import { AppError, forbidden } from "@/lib/server/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** Creates an app owned by one of the user's teams (so its business unit is charged for its calls). */
export async function createApp(input: {
  user: Pick<SessionUser, "id" | "teamIds">;
  actor: AuditActor;
  data: CreateAppInput;
}): Promise<AppView> {
  const data = createAppSchema.parse(input.data);
  if (!input.user.teamIds.includes(data.teamId)) throw forbidden("You can only create apps for teams you belong to.");
  try {
    return await db.$transaction(async (tx) => {
      const app = await tx.app.create({
        data: { name: data.name, description: data.description, teamId: data.teamId, createdById: input.user.id },
        select: {
          id: true,
          name: true,
          description: true,
          createdAt: true,
          team: { select: { id: true, slug: true, name: true, businessUnit: { select: { name: true } } } },
        },
      });
      await recordAudit(tx, input.actor, {
        action: "app.create",
        targetType: "app",
        targetId: app.id,
        after: { name: app.name, teamId: data.teamId },
      });
      return {
        id: app.id,
        name: app.name,
        description: app.description,
        createdAt: app.createdAt.toISOString(),
        team: { id: app.team.id, slug: app.team.slug, name: app.team.name, businessUnit: app.team.businessUnit.name },
        allowedOrigins: [],
        keys: [],
      };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `The team already has an app named "${data.name}".`);
    }
    throw error;
  }
}
