import "server-only";
import { db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { AuditQuery } from "@/lib/governance/schemas";
import { forbidden } from "@/lib/server/errors";

export type AuditEventRow = {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
};

/** Audit events for admins, newest first. `actor` matches the actor's id or (part of) their label/email. */
export async function listAuditEvents(input: { user: { role: Role }; query: Omit<AuditQuery, "format"> }) {
  if (input.user.role !== "admin") throw forbidden("Only admins read the audit trail.");
  const q = input.query;
  const isUuid = q.actor ? /^[0-9a-f-]{36}$/i.test(q.actor) : false;
  const where: Prisma.AuditEventWhereInput = {
    ...(q.actor ? (isUuid ? { actorId: q.actor } : { actorLabel: { contains: q.actor, mode: "insensitive" } }) : {}),
    ...(q.action ? { action: q.action.endsWith("*") ? { startsWith: q.action.slice(0, -1) } : q.action } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  const items: AuditEventRow[] = rows.map((r) => ({ ...r, id: r.id.toString(), at: r.at.toISOString(), before: r.before, after: r.after }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
