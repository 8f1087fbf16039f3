import "server-only";
import type { AuditActor } from "@/lib/audit/record-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { assertStorableText } from "@/lib/server/safe-input";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { isValidEgressPattern } from "@/lib/server/net/ip-policy";

/** Every allow-list entry, newest first (admin page). */
export function listEgressRules() {
  return db.egressRule.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, pattern: true, note: true, createdAt: true, createdBy: { select: { email: true } } },
  });
}

/** Adds a host name, IP or CIDR to the egress allow-list, audited in the same transaction. */
export async function addEgressRule(input: { actor: AuditActor; pattern: string; note: string }) {
  const pattern = input.pattern.trim().toLowerCase();
  assertStorableText(input.note, "The note");
  if (!isValidEgressPattern(pattern))
    throw new AppError("validation_failed", `"${input.pattern}" is not a host name, an IP address or a CIDR range.`);
  const rule = await db.$transaction(async (tx) => {
    if (await tx.egressRule.findUnique({ where: { pattern } })) throw new AppError("conflict", `${pattern} is already allow-listed.`);
    const created = await tx.egressRule.create({ data: { pattern, note: input.note.trim().slice(0, 500), createdById: input.actor.id } });
    await recordAudit(tx, input.actor, {
      action: "egress_rule.create",
      targetType: "egress_rule",
      targetId: created.id,
      after: { pattern, note: created.note },
    });
    return created;
  });
  invalidateEgressAllowList();
  return rule;
}

/** Removes an allow-list entry, audited in the same transaction. */
export async function removeEgressRule(input: { actor: AuditActor; id: string }) {
  await db.$transaction(async (tx) => {
    const rule = await tx.egressRule.findUnique({ where: { id: input.id } });
    if (!rule) throw notFound("Allow-list entry");
    await tx.egressRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, input.actor, {
      action: "egress_rule.delete",
      targetType: "egress_rule",
      targetId: rule.id,
      before: { pattern: rule.pattern, note: rule.note },
    });
  });
  invalidateEgressAllowList();
}
