// Builds small catalogs for catalog tests: business unit, teams, models with versions in given statuses.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/server/db";
import { generateApiKey } from "@/lib/auth/api-keys";
import type { Runtime, VersionStatus, Visibility } from "@/lib/generated/prisma/enums";

export const uniq = () => randomBytes(4).toString("hex");

export async function createTeam(db: Db, slug: string) {
  const bu = await db.businessUnit.create({ data: { slug: `bu-${slug}`, name: `BU ${slug}`, costCenter: `CC-${slug}` } });
  return db.team.create({ data: { slug, name: `Team ${slug}`, businessUnitId: bu.id, contactEmail: `${slug}@example.test` } });
}

export type ModelSpec = {
  teamId: string;
  name: string;
  displayName?: string;
  summary?: string;
  card?: string;
  task?: string;
  framework?: string;
  tags?: string[];
  license?: string | null;
  visibility?: Visibility;
  versions?: { version?: string; status: VersionStatus; runtime?: Runtime; changelog?: string }[];
};

export async function createModel(db: Db, spec: ModelSpec) {
  const team = await db.team.findUniqueOrThrow({ where: { id: spec.teamId } });
  const model = await db.model.create({
    data: {
      teamId: spec.teamId,
      name: spec.name,
      slug: `${team.slug}/${spec.name}`,
      displayName: spec.displayName ?? spec.name,
      summary: spec.summary ?? "",
      card: spec.card ?? "",
      task: spec.task ?? "other",
      framework: spec.framework ?? "onnx",
      tags: spec.tags ?? [],
      license: spec.license ?? null,
      visibility: spec.visibility ?? "public",
    },
  });
  for (const [i, v] of (spec.versions ?? [{ status: "approved" as const }]).entries()) {
    const version = v.version ?? `1.${i}.0`;
    const [major, minor, patch] = version.split(".").map(Number);
    await db.modelVersion.create({
      data: {
        modelId: model.id,
        version,
        major,
        minor,
        patch,
        status: v.status,
        runtime: v.runtime ?? "onnx",
        changelog: v.changelog ?? "",
        costModel: { kind: "per_call", microsPerCall: 100 },
        inputSchema: { type: "object", properties: { x: { type: "number" } } },
        exampleInput: { x: 1 },
      },
    });
  }
  return model;
}

/** An app of the team with an API key (scope invoke) made by a member of the team; returns the secret. */
export async function createKey(db: Db, teamId: string, scopes = ["invoke"]) {
  const creator = await db.user.create({
    data: { email: `key-${uniq()}@example.test`, name: "Key creator", role: scopes.includes("publish") ? "publisher" : "consumer" },
  });
  await db.teamMember.create({ data: { userId: creator.id, teamId } });
  const app = await db.app.create({ data: { name: `app-${uniq()}`, teamId, createdById: creator.id } });
  const key = generateApiKey();
  await db.apiKey.create({ data: { appId: app.id, name: "test", prefix: key.prefix, hash: key.hash, scopes, createdById: creator.id } });
  return { app, secret: key.secret };
}
