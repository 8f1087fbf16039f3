import "server-only";
import type { Caller } from "@/lib/auth/principal";
import { predictionScope } from "@/lib/predictions/prediction-scope";
import { predictionSelect, predictionView } from "@/lib/predictions/prediction-view";
import type { PredictionView } from "@/lib/predictions/schemas";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

/** One of the caller's predictions; another's answers like a missing one (404). */
export async function getPrediction(caller: Caller, id: string): Promise<PredictionView> {
  const row = await db.prediction.findFirst({ where: { AND: [{ id }, predictionScope(caller)] }, select: predictionSelect });
  if (!row) throw notFound("The prediction");
  return predictionView(row);
}
