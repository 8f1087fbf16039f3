import "server-only";
import type { Caller } from "@/lib/auth/principal";
import { predictionScope } from "@/lib/predictions/prediction-scope";
import { predictionSelect, predictionView } from "@/lib/predictions/prediction-view";
import type { ListPredictionsQuery, PredictionView } from "@/lib/predictions/schemas";
import { db } from "@/lib/server/db";

/** The caller's predictions, newest first, a page at a time (keyset on createdAt, id). */
export async function listPredictions(
  caller: Caller,
  query: ListPredictionsQuery,
): Promise<{ predictions: PredictionView[]; nextCursor: string | null }> {
  const scope = predictionScope(caller);
  const after = query.cursor
    ? await db.prediction.findFirst({ where: { AND: [{ id: query.cursor }, scope] }, select: { id: true, createdAt: true } })
    : null;
  const rows = await db.prediction.findMany({
    where: {
      AND: [
        scope,
        query.status ? { status: query.status } : {},
        after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: predictionSelect,
  });
  const page = rows.slice(0, query.limit);
  return { predictions: page.map(predictionView), nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}
