import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/db";

// Unique data per test on the shared test database: a business unit, a team and a member.

export const unique = (p: string) => `${p}-${randomBytes(4).toString("hex")}`;

export async function createTeamWithMember(role: "consumer" | "publisher" = "consumer") {
  const bu = await db.businessUnit.create({ data: { slug: unique("bu"), name: unique("BU"), costCenter: unique("CC") } });
  const team = await db.team.create({ data: { slug: unique("team"), name: unique("Team"), businessUnitId: bu.id } });
  const user = await db.user.create({ data: { email: `${unique("u")}@test.local`, name: "Test user", role } });
  await db.teamMember.create({ data: { userId: user.id, teamId: team.id } });
  return { team, user: { id: user.id, role: user.role, teamIds: [team.id] }, actor: { id: user.id, label: user.email } };
}

export async function createModel(
  teamId: string,
  teamSlug: string,
  options: { version?: string; example?: unknown; status?: "approved" | "draft" | "retired" | "deprecated" } = {},
) {
  const name = unique("model");
  const version = options.version ?? "1.2.0";
  const [major, minor, patch] = version.split(".").map(Number);
  return db.model.create({
    data: {
      teamId,
      name,
      slug: `${teamSlug}/${name}`,
      displayName: name,
      task: "classification",
      framework: "onnx",
      versions: {
        create: {
          version,
          major,
          minor,
          patch,
          status: options.status ?? "approved",
          runtime: "http",
          costModel: { kind: "per_call", microsPerCall: 10 },
          exampleInput: (options.example ?? { features: [[5.1, 3.5, 1.4, 0.2]] }) as object,
        },
      },
    },
  });
}
