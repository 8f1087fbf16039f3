import "server-only";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import { DISCOVERABLE_STATUSES } from "@/lib/catalog/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { notFound, unauthenticated } from "@/lib/server/errors";

/**
 * Who stars and curates: always a person (a key acts for its creator), and the teams they act for (a key: its
 * app's team). Models follow the catalog's rule; collections are seen when company-wide or owned by the person
 * or one of those teams, and edited only by their owner.
 */
export type CurateViewer = { userId: string; teamIds: string[] };

export function curateViewerOf(principal: Principal): CurateViewer {
  return { userId: principal.userId, teamIds: actingTeamIds(principal) };
}

/** The catalog's visibility rule as a Prisma filter on models: discoverable, or of the viewer's teams. */
export function visibleModelWhere(viewer: { teamIds: string[] }): Prisma.ModelWhereInput {
  return { OR: [{ catalogStatuses: { hasSome: [...DISCOVERABLE_STATUSES] } }, { teamId: { in: viewer.teamIds } }] };
}

/** Collections the viewer may see. */
export function visibleCollectionWhere(viewer: CurateViewer): Prisma.CollectionWhereInput {
  return { OR: [{ visibility: "company" }, { ownerUserId: viewer.userId }, { teamId: { in: viewer.teamIds } }] };
}

/** Collections the viewer may change: their own, or their teams'. */
export function editableCollectionWhere(viewer: CurateViewer): Prisma.CollectionWhereInput {
  return { OR: [{ ownerUserId: viewer.userId }, { teamId: { in: viewer.teamIds } }] };
}

export function canEditCollection(collection: { ownerUserId: string | null; teamId: string | null }, viewer: CurateViewer): boolean {
  return collection.ownerUserId === viewer.userId || (collection.teamId !== null && viewer.teamIds.includes(collection.teamId));
}

/** A model by owner/name as the viewer may see it; a hidden model answers exactly like a missing one. */
export async function findVisibleModel(slug: string, viewer: { teamIds: string[] }): Promise<{ id: string; slug: string }> {
  const model = await db.model.findFirst({ where: { AND: [{ slug }, visibleModelWhere(viewer)] }, select: { id: true, slug: true } });
  if (!model) throw notFound(`Model ${slug}`);
  return model;
}

/** The curate viewer of a route's principal; routes that star or curate are never anonymous. */
export function requireCurateViewer(principal: Principal | null): CurateViewer {
  if (!principal) throw unauthenticated();
  return curateViewerOf(principal);
}
