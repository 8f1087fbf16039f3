// Demo data seed — placeholder contract; the full company data set is written in prisma/seed/*.
import { createPrismaClient } from "../lib/db/create-client";

/** Seeds the demo company unless it is already there. Returns true when it seeded. */
export async function seedIfEmpty(databaseUrl: string, options: { log?: (line: string) => void } = {}): Promise<boolean> {
  const db = createPrismaClient(databaseUrl, 4);
  try {
    const marker = await db.systemState.findUnique({ where: { key: "demo_seeded_at" } });
    if (marker) return false;
    options.log?.("seeding demo data");
    await db.systemState.create({ data: { key: "demo_seeded_at", value: new Date().toISOString() } });
    return true;
  } finally {
    await db.$disconnect();
  }
}
