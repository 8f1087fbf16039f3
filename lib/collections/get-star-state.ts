import "server-only";
import { db } from "@/lib/server/db";

/** The star count of a model and whether this person starred it (for the model page). */
export async function getStarState(input: { modelId: string; userId: string | null }): Promise<{ stars: number; starred: boolean }> {
  const [stars, mine] = await Promise.all([
    db.modelStar.count({ where: { modelId: input.modelId } }),
    input.userId ? db.modelStar.count({ where: { modelId: input.modelId, userId: input.userId } }) : 0,
  ]);
  return { stars, starred: mine > 0 };
}
