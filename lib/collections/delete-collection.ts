import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { CurateViewer } from "@/lib/collections/curate-viewer";
import { lockEditableCollection } from "@/lib/collections/lock-editable-collection";
import { db } from "@/lib/server/db";

/** Deletes a collection and its items (its owner only); the models stay untouched. */
export async function deleteCollection(input: { viewer: CurateViewer; actor: AuditActor; id: string }): Promise<void> {
  const { viewer, actor, id } = input;
  await db.$transaction(async (tx) => {
    await lockEditableCollection(tx, viewer, id);
    const before = await tx.collection.findUniqueOrThrow({
      where: { id },
      select: { title: true, visibility: true, ownerUserId: true, teamId: true, items: { select: { modelId: true } } },
    });
    await tx.collection.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "collection.delete",
      targetType: "collection",
      targetId: id,
      before: { ...before, items: before.items.map((i) => i.modelId) },
    });
  });
}
