import "server-only";
import { db } from "@/lib/server/db";
import { GOVERNANCE_TX } from "@/lib/governance/tx-options";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { endUserSessions } from "@/lib/auth/sessions";
import { createBusinessUnitInput, createTeamInput, setMembershipInput, updateUserInput } from "@/lib/admin/schemas";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError, forbidden, notFound } from "@/lib/server/errors";

// Admin changes to users, teams and business units; each is one transaction with its audit event.

type Admin = { id: string; role: Role };
const requireAdmin = (u: Admin) => {
  if (u.role !== "admin") throw forbidden("Only admins manage users, teams and business units.");
};

export async function updateUser(input: { admin: Admin; actor: AuditActor; change: unknown }) {
  requireAdmin(input.admin);
  const change = updateUserInput.parse(input.change);
  if (change.userId === input.admin.id && (change.disabled === true || (change.role && change.role !== "admin"))) {
    throw new AppError("conflict", "You cannot disable yourself or remove your own admin role; ask another admin.");
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: change.userId }, select: { role: true, disabled: true } });
    if (!before) throw notFound("The user");
    const after = await tx.user.update({
      where: { id: change.userId },
      data: { ...(change.role ? { role: change.role } : {}), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}) },
      select: { role: true, disabled: true },
    });
    // Disabling ends the user's sessions too, so re-enabling later does not revive a copied cookie.
    const sessionsEnded = after.disabled && !before.disabled ? await endUserSessions(tx, change.userId, "disabled") : 0;
    await recordAudit(tx, input.actor, {
      action: "user.update",
      targetType: "user",
      targetId: change.userId,
      before,
      after: sessionsEnded ? { ...after, sessionsEnded } : after,
    });
    return after;
  }, GOVERNANCE_TX);
}

export async function createBusinessUnit(input: { admin: Admin; actor: AuditActor; data: unknown }) {
  requireAdmin(input.admin);
  const data = createBusinessUnitInput.parse(input.data);
  return db.$transaction(async (tx) => {
    if (await tx.businessUnit.findFirst({ where: { OR: [{ slug: data.slug }, { costCenter: data.costCenter }] }, select: { id: true } })) {
      throw new AppError("conflict", "A business unit with this slug or cost centre exists.");
    }
    const bu = await tx.businessUnit.create({ data, select: { id: true, slug: true, name: true, costCenter: true } });
    await recordAudit(tx, input.actor, { action: "business_unit.create", targetType: "business_unit", targetId: bu.id, after: bu });
    return bu;
  }, GOVERNANCE_TX);
}

export async function createTeam(input: { admin: Admin; actor: AuditActor; data: unknown }) {
  requireAdmin(input.admin);
  const data = createTeamInput.parse(input.data);
  return db.$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug: data.slug }, select: { id: true } }))
      throw new AppError("conflict", `Team ${data.slug} exists.`);
    const team = await tx.team.create({ data, select: { id: true, slug: true, name: true, businessUnitId: true } });
    await recordAudit(tx, input.actor, { action: "team.create", targetType: "team", targetId: team.id, after: team });
    return team;
  }, GOVERNANCE_TX);
}

/** Adds a user to a team, changes their team role, or removes them. */
export async function setTeamMembership(input: { admin: Admin; actor: AuditActor; data: unknown }) {
  requireAdmin(input.admin);
  const data = setMembershipInput.parse(input.data);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: data.email.toLowerCase() }, select: { id: true } });
    if (!user) throw notFound(`User ${data.email}`);
    const key = { userId_teamId: { userId: user.id, teamId: data.teamId } };
    const before = await tx.teamMember.findUnique({ where: key, select: { role: true } });
    if (data.role === "remove") {
      if (!before) throw notFound("The membership");
      await tx.teamMember.delete({ where: key });
    } else {
      await tx.teamMember.upsert({
        where: key,
        create: { userId: user.id, teamId: data.teamId, role: data.role },
        update: { role: data.role },
      });
    }
    await recordAudit(tx, input.actor, {
      action: data.role === "remove" ? "team_member.remove" : "team_member.set",
      targetType: "team",
      targetId: data.teamId,
      before: before ? { userId: user.id, ...before } : null,
      after: data.role === "remove" ? null : { userId: user.id, role: data.role },
    });
    const team = await tx.team.findUniqueOrThrow({ where: { id: data.teamId }, select: { name: true } });
    return { email: data.email.toLowerCase(), team: team.name, role: data.role };
  }, GOVERNANCE_TX);
}

export async function listOrganisation() {
  const [businessUnits, teams] = await Promise.all([
    db.businessUnit.findMany({
      orderBy: { name: "asc" },
      select: { id: true, slug: true, name: true, costCenter: true, _count: { select: { teams: true } } },
    }),
    db.team.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        slug: true,
        name: true,
        businessUnit: { select: { name: true } },
        members: { select: { role: true, user: { select: { email: true } } } },
      },
    }),
  ]);
  return { businessUnits, teams };
}
