import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { CurateViewer } from "@/lib/collections/curate-viewer";
import { getCollection } from "@/lib/collections/get-collection";
import type { CollectionView, CreateCollectionBody } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

/** Creates an empty collection owned by the viewer, or by one of the teams they act for (`team`). */
export async function createCollection(input: {
  viewer: CurateViewer;
  actor: AuditActor;
  body: CreateCollectionBody;
}): Promise<CollectionView> {
  const { viewer, actor, body } = input;
  let teamId: string | null = null;
  if (body.team !== undefined) {
    const team = await db.team.findFirst({ where: { slug: body.team, id: { in: viewer.teamIds } }, select: { id: true } });
    if (!team) throw new AppError("unprocessable", `You do not act for a team "${body.team}": pick one of your teams or leave it out.`);
    teamId = team.id;
  }
  const created = await db.$transaction(async (tx) => {
    const row = await tx.collection.create({
      data: {
        title: body.title,
        description: body.description,
        visibility: body.visibility,
        ownerUserId: teamId ? null : viewer.userId,
        teamId,
        createdById: viewer.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "collection.create",
      targetType: "collection",
      targetId: row.id,
      after: { title: body.title, visibility: body.visibility, teamId },
    });
    return row;
  });
  return getCollection({ viewer, id: created.id });
}
