import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { canManageBudget, type BudgetAuthority, type BudgetScopeRef } from "@/lib/budgets/budget-authority";
import { findVisibleBudget } from "@/lib/budgets/list-budgets";
import { PERIOD_ADJECTIVE, type BudgetView, type CreateBudgetBody } from "@/lib/budgets/schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { AppError, forbidden, notFound } from "@/lib/server/errors";

type Scope = { data: { appId?: string; teamId?: string; businessUnitId?: string }; ref: BudgetScopeRef; label: string };

async function resolveScope(body: CreateBudgetBody): Promise<Scope> {
  if (body.app) {
    const app = await db.app.findFirst({ where: { id: body.app, deletedAt: null }, select: { id: true, name: true, teamId: true } });
    if (!app) throw notFound(`App ${body.app}`);
    return { data: { appId: app.id }, ref: { kind: "app", teamId: app.teamId }, label: `app ${app.name}` };
  }
  if (body.team) {
    const team = await db.team.findUnique({ where: { slug: body.team }, select: { id: true, name: true } });
    if (!team) throw notFound(`Team ${body.team}`);
    return { data: { teamId: team.id }, ref: { kind: "team", teamId: team.id }, label: `team ${team.name}` };
  }
  const bu = await db.businessUnit.findUnique({ where: { slug: body.businessUnit! }, select: { id: true, name: true } });
  if (!bu) throw notFound(`Business unit ${body.businessUnit}`);
  return { data: { businessUnitId: bu.id }, ref: { kind: "business_unit", businessUnitId: bu.id }, label: `business unit ${bu.name}` };
}

/** Sets a budget on an app, a team or a business unit (one per scope and period); audited with the person. */
export async function createBudget(input: { authority: BudgetAuthority; actor: AuditActor; body: CreateBudgetBody }): Promise<BudgetView> {
  const { authority, actor, body } = input;
  const scope = await resolveScope(body);
  if (!canManageBudget(authority, scope.ref)) {
    throw forbidden(`Only admins and the owners of ${scope.label} (its team's maintainers) may set its budgets.`);
  }
  try {
    const id = await db.$transaction(async (tx) => {
      const row = await tx.budget.create({
        data: {
          ...scope.data,
          amountMicros: BigInt(body.amountMicros),
          period: body.period,
          thresholdPercent: body.thresholdPercent,
          hardCap: body.hardCap,
          createdById: authority.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "budget.create",
        targetType: "budget",
        targetId: row.id,
        after: {
          ...scope.data,
          amountMicros: body.amountMicros,
          period: body.period,
          thresholdPercent: body.thresholdPercent,
          hardCap: body.hardCap,
        },
      });
      return row.id;
    });
    return (await findVisibleBudget(authority, id))!;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(
        "conflict",
        `There is already a ${PERIOD_ADJECTIVE[body.period]} budget on ${scope.label}: change that one instead.`,
      );
    }
    throw error;
  }
}
