import "server-only";
import type { Caller } from "@/lib/auth/principal";
import { announcePrediction } from "@/lib/predictions/announce-prediction";
import { predictionScope } from "@/lib/predictions/prediction-scope";
import { predictionSelect, predictionView } from "@/lib/predictions/prediction-view";
import type { PredictionView } from "@/lib/predictions/schemas";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";

/**
 * Cancels one of the caller's predictions that has not finished (starting or processing → canceled). A run
 * in progress cannot store its answer afterwards (it finishes only a `processing` row); a finished prediction
 * answers 409.
 */
export async function cancelPrediction(caller: Caller, id: string): Promise<PredictionView> {
  return db.$transaction(async (tx) => {
    const visible = await tx.prediction.findFirst({ where: { AND: [{ id }, predictionScope(caller)] }, select: { id: true } });
    if (!visible) throw notFound("The prediction");
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM predictions WHERE id = ${id}::uuid FOR UPDATE`;
    if (row.status !== "starting" && row.status !== "processing") {
      throw new AppError("invalid_transition", `The prediction has already ${row.status === "canceled" ? "been canceled" : row.status}.`);
    }
    await tx.prediction.update({
      where: { id },
      data: { status: "canceled", error: "canceled by the caller", completedAt: new Date(), leaseUntil: null },
    });
    await announcePrediction(tx, id, ["completed"]);
    return predictionView(await tx.prediction.findUniqueOrThrow({ where: { id }, select: predictionSelect }));
  });
}
