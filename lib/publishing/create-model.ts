import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden } from "@/lib/server/errors";
import { canPublishInto, type PublishContext } from "@/lib/publishing/publisher";
import type { CreateModelInput } from "@/lib/publishing/schemas";

/** The team a new model goes into: the named one, or an API key's own team when none is named. */
async function resolveTeam(ctx: PublishContext, slug: string | undefined) {
  if (!slug) {
    if (ctx.publisher.kind === "key")
      return db.team.findUniqueOrThrow({ where: { id: ctx.publisher.teamId }, select: { id: true, slug: true } });
    throw new AppError("validation_failed", "Choose the team that will own the model.", { details: { field: "team" } });
  }
  const team = await db.team.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!team) throw new AppError("unprocessable", `There is no team "${slug}".`, { details: { field: "team" } });
  if (!canPublishInto(ctx.publisher, team.id)) {
    throw forbidden(
      ctx.publisher.kind === "key"
        ? `This API key publishes for its own app's team only, not for ${slug}.`
        : `You can publish only into teams you belong to; you are not in ${slug}.`,
    );
  }
  return team;
}

/** Creates a model (no versions yet) in a team the publisher belongs to. Duplicate name in the team → 409. */
export async function createModel(ctx: PublishContext, input: CreateModelInput) {
  const team = await resolveTeam(ctx, input.team);
  let businessOwnerId: string | null = null;
  if (input.businessOwnerEmail) {
    const owner = await db.user.findUnique({ where: { email: input.businessOwnerEmail.toLowerCase() }, select: { id: true } });
    if (!owner)
      throw new AppError("unprocessable", `No user has the email ${input.businessOwnerEmail}.`, {
        details: { field: "businessOwnerEmail" },
      });
    businessOwnerId = owner.id;
  }
  const slug = `${team.slug}/${input.name}`;
  try {
    return await db.$transaction(async (tx) => {
      const model = await tx.model.create({
        data: {
          teamId: team.id,
          name: input.name,
          slug,
          displayName: input.displayName,
          summary: input.summary,
          card: input.card,
          task: input.task,
          framework: input.framework,
          tags: [...new Set(input.tags)],
          license: input.license || null,
          visibility: input.visibility,
          businessOwnerId,
          valuePerCallMicros: BigInt(input.valuePerCallMicros),
          riskLevel: input.riskLevel ?? null,
          intendedUse: input.intendedUse,
          limitations: input.limitations,
        },
        select: { id: true, slug: true, name: true, displayName: true, visibility: true },
      });
      const { card: _card, ...summary } = input;
      await recordAudit(tx, ctx.actor, { action: "model.create", targetType: "model", targetId: model.id, after: { ...summary, slug } });
      return { ...model, owner: team.slug };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `The team ${team.slug} already has a model named ${input.name}.`, { details: { field: "name" } });
    }
    throw error;
  }
}
