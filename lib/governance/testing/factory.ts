// Test data for governance tests: every call creates fresh, uniquely named rows, so test files can share
// one database and run in any order.
import { randomBytes } from "node:crypto";
import { generateApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/server/db";
import type { Role, VersionStatus } from "@/lib/generated/prisma/enums";

export const uid = () => randomBytes(5).toString("hex");

export const COMPLETE_CARD =
  "# Model\n## Intended use\nScoring.\n## Limitations\nNone known.\n## Training data\nSynthetic.\n## Evaluation\nAUC 0.9.\n";

export async function makeUser<R extends Role>(role: R, teamId?: string, teamRole: "member" | "maintainer" = "member") {
  const u = await db.user.create({ data: { email: `${role}-${uid()}@test.local`, name: `${role} ${uid()}`, role } });
  if (teamId) await db.teamMember.create({ data: { userId: u.id, teamId, role: teamRole } });
  return { id: u.id, email: u.email, role, teamIds: teamId ? [teamId] : [] };
}

export async function makeTeam() {
  const s = uid();
  const bu = await db.businessUnit.create({ data: { slug: `bu-${s}`, name: `BU ${s}`, costCenter: `CC-${s}` } });
  return db.team.create({ data: { slug: `team-${s}`, name: `Team ${s}`, businessUnitId: bu.id } });
}

type ModelOpts = { complete?: boolean; risk?: "low" | "medium" | "high" | null; visibility?: "public" | "gated"; teamId?: string };

/** A model whose checklist passes (complete: true, default) or fails everywhere it can. */
export async function makeModel(opts: ModelOpts = {}) {
  const team = opts.teamId ? await db.team.findUniqueOrThrow({ where: { id: opts.teamId } }) : await makeTeam();
  const owner = await db.user.create({ data: { email: `bo-${uid()}@test.local`, name: "Business owner" } });
  const complete = opts.complete ?? true;
  const name = `m-${uid()}`;
  const model = await db.model.create({
    data: {
      teamId: team.id,
      name,
      slug: `${team.slug}/${name}`,
      displayName: name,
      task: "classification",
      framework: "onnx",
      card: complete ? COMPLETE_CARD : "",
      license: complete ? "MIT" : null,
      businessOwnerId: complete ? owner.id : null,
      riskLevel: opts.risk === undefined ? (complete ? "low" : null) : opts.risk,
      visibility: opts.visibility ?? "public",
    },
  });
  return { model, team, ref: { owner: team.slug, name } };
}

export async function makeVersion(
  modelId: string,
  opts: { status?: VersionStatus; version?: string; createdById?: string; submittedById?: string; ran?: boolean; valid?: boolean } = {},
) {
  const version = opts.version ?? `1.${Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1000)}`;
  const [major, minor, patch] = version.split(".").map(Number);
  const v = await db.modelVersion.create({
    data: {
      modelId,
      version,
      major,
      minor,
      patch,
      status: opts.status ?? "pending_review",
      runtime: "http",
      endpointUrl: "http://example.invalid/",
      inputSchema: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
      exampleInput: opts.valid === false ? { x: "not a number" } : { x: 1 },
      costModel: { kind: "per_call", microsPerCall: 10 },
      createdById: opts.createdById ?? null,
      submittedById: opts.submittedById ?? null,
      submittedAt: new Date(),
    },
  });
  if (opts.ran ?? true) {
    await db.invocation.create({
      data: { requestId: `req_${uid()}`, modelId, versionId: v.id, channel: "console", statusCode: 200, gatewayMs: 1, upstreamMs: 1 },
    });
  }
  return v;
}

/** An app of the team with a key (invoke, publish, read) made by a publisher of the team (a key acts for its creator). */
export async function makeAppWithKey(teamId: string) {
  const creator = await makeUser("publisher", teamId);
  const app = await db.app.create({ data: { name: `app-${uid()}`, teamId, createdById: creator.id } });
  const key = generateApiKey();
  await db.apiKey.create({
    data: {
      appId: app.id,
      name: "test",
      prefix: key.prefix,
      hash: key.hash,
      scopes: ["invoke", "publish", "read"],
      createdById: creator.id,
    },
  });
  return { app, secret: key.secret, creator };
}

export const actor = (user: { id: string; email: string }) => ({ id: user.id, label: user.email });

export const auditCount = (targetId: string) => db.auditEvent.count({ where: { targetId } });
