import "server-only";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { predictionSelect, predictionView } from "@/lib/predictions/prediction-view";
import type { PredictionEvent } from "@/lib/predictions/schemas";

/**
 * Queues the prediction's webhook deliveries for `events` (those its filter asks for) inside the caller's
 * transaction, so an event is sent if and only if the change it announces commits. The lifecycle webhooks'
 * worker (lib/governance/webhooks/process-deliveries.ts) sends them: signed, retried, logged, SSRF-guarded.
 */
export async function announcePrediction(tx: DbOrTx, id: string, events: PredictionEvent[]): Promise<number> {
  const row = await tx.prediction.findUniqueOrThrow({ where: { id }, select: { ...predictionSelect, webhookSecret: true } });
  const wanted = events.filter((e) => row.webhookEvents.includes(e));
  if (!row.webhookUrl || !row.webhookSecret || wanted.length === 0) return 0;
  const data = predictionView(row) as unknown as Prisma.InputJsonObject;
  await tx.webhookDelivery.createMany({
    data: wanted.map((e) => ({
      predictionId: id,
      url: row.webhookUrl,
      secret: row.webhookSecret,
      event: `prediction.${e}`,
      payload: { id: randomUUID(), event: `prediction.${e}`, occurredAt: new Date().toISOString(), data },
      status: "pending" as const,
      nextAttemptAt: new Date(),
    })),
  });
  return wanted.length;
}
