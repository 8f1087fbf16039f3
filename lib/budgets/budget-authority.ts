import "server-only";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { unauthenticated } from "@/lib/server/errors";

/**
 * What a person may do with budgets. Admins set any budget; a team's maintainers set their team's and its apps'
 * budgets; a business unit's owners — the maintainers of its teams — set the unit's. Admins and executives see
 * every budget; everyone else the budgets of their teams, their teams' apps and units. A key acts for its
 * creator, only for its app's team (docs/decisions.md, "Budgets").
 */
export type BudgetAuthority = {
  userId: string;
  isAdmin: boolean;
  seesAll: boolean;
  teamIds: string[];
  maintainedTeamIds: Set<string>;
  /** The units of the teams the person maintains. */
  ownedUnitIds: Set<string>;
};

export async function budgetAuthorityOf(principal: Principal | null): Promise<BudgetAuthority> {
  if (!principal) throw unauthenticated();
  const teamIds = actingTeamIds(principal);
  const isAdmin = principal.role === "admin";
  const maintained = await db.teamMember.findMany({
    where: { userId: principal.userId, role: "maintainer", teamId: { in: teamIds } },
    select: { teamId: true, team: { select: { businessUnitId: true } } },
  });
  return {
    userId: principal.userId,
    isAdmin,
    seesAll: isAdmin || (principal.role === "executive" && !principal.key),
    teamIds,
    maintainedTeamIds: new Set(maintained.map((m) => m.teamId)),
    ownedUnitIds: new Set(maintained.map((m) => m.team.businessUnitId)),
  };
}

/** The budgets the person may see, as a Prisma filter. */
export function visibleBudgetWhere(a: BudgetAuthority): Prisma.BudgetWhereInput {
  if (a.seesAll) return {};
  return {
    OR: [
      { teamId: { in: a.teamIds } },
      { app: { teamId: { in: a.teamIds } } },
      { businessUnit: { teams: { some: { id: { in: a.teamIds } } } } },
    ],
  };
}

/** The scope a budget is on, with what deciding who may set it needs. */
export type BudgetScopeRef =
  { kind: "app"; teamId: string } | { kind: "team"; teamId: string } | { kind: "business_unit"; businessUnitId: string };

export function canManageBudget(a: BudgetAuthority, scope: BudgetScopeRef): boolean {
  if (a.isAdmin) return true;
  return scope.kind === "business_unit" ? a.ownedUnitIds.has(scope.businessUnitId) : a.maintainedTeamIds.has(scope.teamId);
}
