import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { webhookInput } from "@/lib/governance/schemas";
import { forbidden } from "@/lib/server/errors";

type Admin = { id: string; role: Role };
const requireAdmin = (u: Admin) => {
  if (u.role !== "admin") throw forbidden("Only admins manage webhooks.");
};

/** Registers a webhook; the signing secret is returned once, like an API key. */
export async function createWebhook(input: { user: Admin; actor: AuditActor; url: string; events: string[] }) {
  requireAdmin(input.user);
  const body = webhookInput.parse({ url: input.url, events: input.events });
  const secret = `whsec_${randomBytes(24).toString("hex")}`;
  return db.$transaction(async (tx) => {
    const hook = await tx.webhook.create({
      data: { url: body.url, events: body.events, secret, createdById: input.user.id },
      select: { id: true, url: true, events: true },
    });
    await recordAudit(tx, input.actor, {
      action: "webhook.create",
      targetType: "webhook",
      targetId: hook.id,
      after: { url: hook.url, events: hook.events },
    });
    return { ...hook, secret };
  }, GOVERNANCE_TX);
}

export async function setWebhookActive(input: { user: Admin; actor: AuditActor; id: string; active: boolean }) {
  requireAdmin(input.user);
  return db.$transaction(async (tx) => {
    const before = await tx.webhook.findUniqueOrThrow({ where: { id: input.id }, select: { active: true } });
    await tx.webhook.update({ where: { id: input.id }, data: { active: input.active } });
    await recordAudit(tx, input.actor, {
      action: input.active ? "webhook.enable" : "webhook.disable",
      targetType: "webhook",
      targetId: input.id,
      before,
      after: { active: input.active },
    });
  }, GOVERNANCE_TX);
}

export async function listWebhooksWithDeliveries(input: { user: Admin; deliveries?: number }) {
  requireAdmin(input.user);
  const [hooks, deliveries] = await Promise.all([
    db.webhook.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, url: true, events: true, active: true, createdAt: true } }),
    db.webhookDelivery.findMany({
      orderBy: { createdAt: "desc" },
      take: input.deliveries ?? 100,
      select: {
        id: true,
        event: true,
        status: true,
        attempts: true,
        lastStatusCode: true,
        lastError: true,
        nextAttemptAt: true,
        deliveredAt: true,
        createdAt: true,
        url: true,
        webhook: { select: { url: true } },
      },
    }),
  ]);
  return { hooks, deliveries };
}
