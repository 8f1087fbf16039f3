import "server-only";
import { db } from "@/lib/server/db";

/** A model's id, display name and visibility by its slug (owner/name), or null. */
export async function findModelRef(input: { owner: string; name: string }) {
  return db.model.findUnique({
    where: { slug: `${input.owner}/${input.name}`.toLowerCase() },
    select: { id: true, slug: true, displayName: true, visibility: true },
  });
}
