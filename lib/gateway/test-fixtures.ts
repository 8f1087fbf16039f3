// Test data factories for the gateway's tests (unique names per call). Not imported by app code.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { generateApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role, VersionStatus, Visibility } from "@/lib/generated/prisma/enums";

export const uid = () => randomBytes(4).toString("hex");
export const IRIS_ONNX = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");

export async function createTeam() {
  const s = uid();
  const bu = await db.businessUnit.create({ data: { slug: `bu-${s}`, name: `BU ${s}`, costCenter: `CC-${s}` } });
  return db.team.create({ data: { slug: `team-${s}`, name: `Team ${s}`, businessUnitId: bu.id } });
}

export async function createUser(role: Role = "consumer", teamId?: string) {
  const s = uid();
  const user = await db.user.create({ data: { email: `u-${s}@test.local`, name: `User ${s}`, role } });
  if (teamId) await db.teamMember.create({ data: { userId: user.id, teamId } });
  return user;
}

export async function createModel(options: { teamId?: string; visibility?: Visibility; valuePerCallMicros?: bigint } = {}) {
  const teamId = options.teamId ?? (await createTeam()).id;
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId } });
  const name = `model-${uid()}`;
  const model = await db.model.create({
    data: {
      teamId,
      name,
      slug: `${team.slug}-${name}`,
      displayName: name,
      task: "tabular-classification",
      framework: "onnx",
      visibility: options.visibility ?? "public",
      valuePerCallMicros: options.valuePerCallMicros ?? BigInt(2000),
    },
  });
  return { model, team, owner: team.slug, name };
}

export async function createVersion(
  modelId: string,
  data: Partial<Prisma.ModelVersionUncheckedCreateInput> & { version: string; status?: VersionStatus },
) {
  const [major, minor, patch] = data.version.split(/[.-]/).map(Number);
  return db.modelVersion.create({
    data: {
      runtime: "onnx",
      artifactPath: IRIS_ONNX,
      costModel: { kind: "per_call", microsPerCall: 100 },
      inputSchema: {
        type: "object",
        required: ["features"],
        properties: {
          features: { type: "array", minItems: 1, items: { type: "array", items: { type: "number" }, minItems: 4, maxItems: 4 } },
        },
      },
      ...data,
      modelId,
      major,
      minor,
      patch,
    },
  });
}

/** An app with a key, made by a member of its team (a consumer unless `creatorRole` says otherwise). */
export async function createAppWithKey(
  options: { teamId?: string; scopes?: string[]; modelAllowlist?: string[]; expiresAt?: Date; creatorRole?: Role } = {},
) {
  const teamId = options.teamId ?? (await createTeam()).id;
  const creator = await createUser(options.creatorRole ?? "consumer", teamId);
  const app = await db.app.create({ data: { name: `app-${uid()}`, teamId, createdById: creator.id } });
  const generated = generateApiKey();
  const key = await db.apiKey.create({
    data: {
      appId: app.id,
      name: "test",
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: options.scopes ?? ["invoke"],
      modelAllowlist: options.modelAllowlist ?? [],
      expiresAt: options.expiresAt,
      createdById: creator.id,
    },
  });
  return { app, key, secret: generated.secret, creator };
}
