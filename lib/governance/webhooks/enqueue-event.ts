import "server-only";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookEvent } from "@/lib/governance/schemas";

/**
 * Queues one delivery per active webhook subscribed to `event`, inside the caller's transaction: the event is
 * sent if and only if the change it announces commits. The delivery worker picks the rows up.
 */
export async function enqueueWebhookEvent(tx: DbOrTx, event: WebhookEvent, data: Prisma.InputJsonObject): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { active: true, events: { has: event } }, select: { id: true } });
  if (hooks.length === 0) return 0;
  const payload = { id: randomUUID(), event, occurredAt: new Date().toISOString(), data };
  await tx.webhookDelivery.createMany({
    data: hooks.map((h) => ({ webhookId: h.id, event, payload, status: "pending" as const, nextAttemptAt: new Date() })),
  });
  return hooks.length;
}
