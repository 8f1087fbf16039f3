import "server-only";
import { db } from "@/lib/server/db";

/** Business units for filters and statement pickers. */
export async function listBusinessUnits() {
  return db.businessUnit.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, costCenter: true } });
}
