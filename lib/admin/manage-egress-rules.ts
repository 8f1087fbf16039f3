import "server-only";
import { isIP } from "node:net";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { AppError, forbidden, notFound } from "@/lib/http/errors";

// The SSRF allow-list: internal hosts, addresses or CIDR ranges that outbound calls (gateway upstreams,
// webhooks) may reach although they are private. Admin-only, every change audited.

type Admin = { id: string; role: Role };

const pattern = z.string().trim().toLowerCase().min(1).max(255).refine((p) => {
  const [net, bits, extra] = p.split("/");
  if (extra !== undefined) return false;
  if (bits !== undefined) {
    const family = isIP(net);
    const n = Number(bits);
    return family !== 0 && Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128);
  }
  return isIP(p) !== 0 || /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(p);
}, "Use a host name, an IP address or a CIDR range (e.g. 10.20.0.0/16).");

export const egressRuleInput = z.object({ pattern, note: z.string().trim().max(300).default("") });

function requireAdmin(u: Admin) {
  if (u.role !== "admin") throw forbidden("Only admins manage the egress allow-list.");
}

export async function addEgressRule(input: { admin: Admin; actor: AuditActor; data: unknown }) {
  requireAdmin(input.admin);
  const data = egressRuleInput.parse(input.data);
  return db.$transaction(async (tx) => {
    if (await tx.egressRule.findUnique({ where: { pattern: data.pattern }, select: { id: true } })) throw new AppError("conflict", `${data.pattern} is already allowed.`);
    const rule = await tx.egressRule.create({ data: { ...data, createdById: input.admin.id }, select: { id: true, pattern: true, note: true } });
    await recordAudit(tx, input.actor, { action: "egress_rule.create", targetType: "egress_rule", targetId: rule.id, after: rule });
    return rule;
  }, GOVERNANCE_TX);
}

export async function removeEgressRule(input: { admin: Admin; actor: AuditActor; id: string }) {
  requireAdmin(input.admin);
  return db.$transaction(async (tx) => {
    const rule = await tx.egressRule.findUnique({ where: { id: input.id }, select: { id: true, pattern: true, note: true } });
    if (!rule) throw notFound("The egress rule");
    await tx.egressRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, input.actor, { action: "egress_rule.delete", targetType: "egress_rule", targetId: rule.id, before: rule });
  }, GOVERNANCE_TX);
}

export async function listEgressRules(input: { admin: Admin }) {
  requireAdmin(input.admin);
  return db.egressRule.findMany({ orderBy: { pattern: "asc" }, select: { id: true, pattern: true, note: true, createdAt: true, createdBy: { select: { email: true } } } });
}
