import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { CurateViewer } from "@/lib/collections/curate-viewer";
import { getCollection } from "@/lib/collections/get-collection";
import { lockEditableCollection } from "@/lib/collections/lock-editable-collection";
import type { CollectionView, UpdateCollectionBody } from "@/lib/collections/schemas";
import { db } from "@/lib/server/db";

/** Changes a collection's title, description or visibility (its owner only). */
export async function updateCollection(input: {
  viewer: CurateViewer;
  actor: AuditActor;
  id: string;
  body: UpdateCollectionBody;
}): Promise<CollectionView> {
  const { viewer, actor, id, body } = input;
  await db.$transaction(async (tx) => {
    await lockEditableCollection(tx, viewer, id);
    const before = await tx.collection.findUniqueOrThrow({ where: { id }, select: { title: true, description: true, visibility: true } });
    const after = await tx.collection.update({ where: { id }, data: body, select: { title: true, description: true, visibility: true } });
    await recordAudit(tx, actor, { action: "collection.update", targetType: "collection", targetId: id, before, after });
  });
  return getCollection({ viewer, id });
}
