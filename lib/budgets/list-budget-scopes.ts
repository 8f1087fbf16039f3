import "server-only";
import type { BudgetAuthority } from "@/lib/budgets/budget-authority";
import { db } from "@/lib/server/db";

export type BudgetScopeOption = { value: string; label: string };
export type BudgetScopeOptions = { apps: BudgetScopeOption[]; teams: BudgetScopeOption[]; businessUnits: BudgetScopeOption[] };

/** The apps, teams and units the person may set budgets on (admins: all), as form options "app:<id>", "team:<slug>", "unit:<slug>". */
export async function listBudgetScopes(authority: BudgetAuthority): Promise<BudgetScopeOptions> {
  const teamIds = [...authority.maintainedTeamIds];
  const unitIds = [...authority.ownedUnitIds];
  const all = authority.isAdmin;
  const [apps, teams, units] = await Promise.all([
    db.app.findMany({
      where: { deletedAt: null, ...(all ? {} : { teamId: { in: teamIds } }) },
      select: { id: true, name: true, team: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
    db.team.findMany({ where: all ? {} : { id: { in: teamIds } }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.businessUnit.findMany({ where: all ? {} : { id: { in: unitIds } }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    apps: apps.map((a) => ({ value: `app:${a.id}`, label: `${a.name} (${a.team.name})` })),
    teams: teams.map((t) => ({ value: `team:${t.slug}`, label: t.name })),
    businessUnits: units.map((u) => ({ value: `unit:${u.slug}`, label: u.name })),
  };
}
