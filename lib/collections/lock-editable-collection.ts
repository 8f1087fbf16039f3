import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { canEditCollection, type CurateViewer } from "@/lib/collections/curate-viewer";
import { forbidden, notFound } from "@/lib/server/errors";

type Locked = { id: string; ownerUserId: string | null; teamId: string | null; visibility: "company" | "private" };

/**
 * Locks a collection row for a change inside the caller's transaction (concurrent edits queue up, so
 * positions never collide). Someone else's private collection is "not found"; a company-wide one the viewer
 * does not own is "not allowed".
 */
export async function lockEditableCollection(tx: DbOrTx, viewer: CurateViewer, id: string): Promise<Locked> {
  const [row] = await tx.$queryRaw<Locked[]>`
    SELECT id, "ownerUserId", "teamId", visibility::text AS visibility FROM collections WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw notFound("Collection");
  if (canEditCollection(row, viewer)) return row;
  if (row.visibility === "private") throw notFound("Collection");
  throw forbidden("Only the collection's owner (the person or a member of the team) may change it.");
}
