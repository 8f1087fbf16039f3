// Business units, teams, people and memberships, plus the hardware price list.
import type { Role, TeamRole } from "../../lib/generated/prisma/enums";
import { BUSINESS_UNITS, TEAMS, USERS, teamEmail } from "./org-data";
import { seedId, type Rng } from "./random";
import { auditEvent, type Person, type SeedRows } from "./rows";

const DAY = 86_400_000;

export type Org = {
  person: (email: string) => Person;
  /** Members of a team with their team role. */
  members: (team: string) => (Person & { teamRole: TeamRole })[];
  teamId: (slug: string) => string;
  byRole: (role: Role) => Person[];
};

export function buildOrg(rows: SeedRows, options: { now: Date; rng: Rng; passwordHash: string }): Org {
  const { now, rng, passwordHash } = options;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  for (const bu of BUSINESS_UNITS) {
    rows.businessUnits.push({
      id: seedId("business-unit", bu.slug),
      slug: bu.slug,
      name: bu.name,
      costCenter: bu.costCenter,
      createdAt: ago(720),
    });
  }
  for (const team of TEAMS) {
    rows.teams.push({
      id: seedId("team", team.slug),
      slug: team.slug,
      name: team.name,
      description: team.description,
      contactEmail: teamEmail(team.slug),
      businessUnitId: seedId("business-unit", team.businessUnit),
      createdAt: ago(rng.between(450, 700)),
    });
  }
  const people = new Map<string, Person>();
  const members = new Map<string, (Person & { teamRole: TeamRole })[]>();
  for (const user of USERS) {
    const person: Person = { id: seedId("user", user.email), email: user.email, name: user.name, role: user.role };
    people.set(user.email, person);
    const createdAt = ago(rng.between(200, 520));
    rows.users.push({
      ...person,
      passwordHash,
      disabled: user.disabled ?? false,
      createdAt,
      lastLoginAt: user.disabled ? ago(rng.between(60, 120)) : ago(rng.between(0.05, 6)),
    });
    for (const [team, teamRole] of user.teams) {
      if (!TEAMS.some((t) => t.slug === team)) throw new Error(`seed data: ${user.email} is in unknown team ${team}`);
      rows.teamMembers.push({
        userId: person.id,
        teamId: seedId("team", team),
        role: teamRole,
        createdAt: new Date(createdAt.getTime() + DAY),
      });
      members.set(team, [...(members.get(team) ?? []), { ...person, teamRole }]);
    }
  }
  const person = (email: string) => {
    const found = people.get(email);
    if (!found) throw new Error(`seed data: unknown user ${email}`);
    return found;
  };
  const admin = person("admin@modelport.local");
  for (const [hardwareClass, rates] of Object.entries(HARDWARE_RATES)) {
    for (const [daysAgo, hourlyRateMicros] of rates) {
      const effectiveFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
      rows.hardwareRates.push({
        id: seedId("hardware-rate", `${hardwareClass}@${daysAgo}`),
        hardwareClass,
        hourlyRateMicros: BigInt(hourlyRateMicros),
        effectiveFrom,
        createdById: admin.id,
        createdAt: new Date(effectiveFrom.getTime() - 3 * DAY),
      });
      rows.auditEvents.push(
        auditEvent({
          at: new Date(effectiveFrom.getTime() - 3 * DAY),
          actor: admin,
          action: "hardware_rate.created",
          targetType: "hardware_rate",
          targetId: seedId("hardware-rate", `${hardwareClass}@${daysAgo}`),
          after: { hardwareClass, hourlyRateMicros, effectiveFrom: effectiveFrom.toISOString() },
        }),
      );
    }
  }
  return {
    person,
    members: (team) => members.get(team) ?? [],
    teamId: (slug) => {
      if (!TEAMS.some((t) => t.slug === slug)) throw new Error(`seed data: unknown team ${slug}`);
      return seedId("team", slug);
    },
    byRole: (role) => [...people.values()].filter((p) => p.role === role),
  };
}

/** Fully loaded hourly prices (micros) per hardware class, as [days ago it took effect, rate]. */
export const HARDWARE_RATES: Record<string, [number, number][]> = {
  "cpu-small": [[400, 120_000]],
  "cpu-large": [[400, 680_000]],
  "gpu-t4": [[400, 950_000]],
  // The reserved-capacity contract for A100s lowered their price a month ago.
  "gpu-a100": [
    [400, 3_670_000],
    [34, 2_950_000],
  ],
};
