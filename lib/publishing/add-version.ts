import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/server/errors";
import { assertGreaterThanExisting, parseSemver } from "@/lib/publishing/check-semver";
import { deriveOnnxSchema, type DerivedOnnxSchema } from "@/lib/publishing/derive-onnx-schema";
import { exampleFromSchema } from "@/lib/publishing/example-from-schema";
import { findOwnModel } from "@/lib/publishing/find-own-model";
import { publisherUserId, type PublishContext } from "@/lib/publishing/publisher";
import type { HttpVersionInput, OnnxVersionFields } from "@/lib/publishing/schemas";
import { removeArtifact, saveArtifact, sha256Of, type SavedArtifact } from "@/lib/artifacts/artifact-store";
import { compileSchema, validateExampleInput } from "@/lib/publishing/validate-example-input";
import { toVersionView } from "@/lib/publishing/version-view";
import { sealSecret } from "@/lib/secrets/secret-box";

export type AddVersionInput =
  { runtime: "http"; body: HttpVersionInput } | { runtime: "onnx"; fields: OnnxVersionFields; file: { name: string; bytes: Uint8Array } };

type Prepared = {
  data: Omit<Prisma.ModelVersionUncheckedCreateInput, "modelId" | "version" | "major" | "minor" | "patch" | "prerelease">;
  onnx?: DerivedOnnxSchema;
};

async function prepareOnnx(input: Extract<AddVersionInput, { runtime: "onnx" }>): Promise<Prepared> {
  if (!/\.onnx$/i.test(input.file.name)) {
    throw new AppError("invalid_artifact", `"${input.file.name}" is not an .onnx file; upload the model exported to ONNX.`, {
      details: { field: "file" },
    });
  }
  const derived = await deriveOnnxSchema(input.file.bytes);
  validateExampleInput(derived.inputSchema, input.fields.exampleInput);
  const f = input.fields;
  return {
    onnx: derived,
    data: {
      runtime: "onnx",
      inputSchema: derived.inputSchema as Prisma.InputJsonObject,
      outputSchema: derived.outputSchema as Prisma.InputJsonObject,
      exampleInput: f.exampleInput === undefined ? Prisma.DbNull : (f.exampleInput as Prisma.InputJsonValue),
      costModel: f.costModel,
      changelog: f.changelog,
      timeoutMs: f.timeoutMs,
    },
  };
}

function prepareHttp(b: HttpVersionInput): Prepared {
  if (b.inputSchema) compileSchema(b.inputSchema, "inputSchema");
  if (b.outputSchema) compileSchema(b.outputSchema, "outputSchema");
  validateExampleInput(b.inputSchema, b.exampleInput);
  if (b.secretHeaderValue && !b.secretHeaderName) {
    throw new AppError("validation_failed", "Name the header that carries the secret.", { details: { field: "secretHeaderName" } });
  }
  return {
    data: {
      runtime: b.runtime,
      httpProtocol: b.protocol ?? (b.runtime === "openai" ? "openai" : "generic"),
      endpointUrl: b.endpointUrl,
      upstreamModelName: b.upstreamModelName || null,
      secretHeaderName: b.secretHeaderName || null,
      secretHeaderValue: b.secretHeaderValue ? sealSecret(b.secretHeaderValue) : null,
      inputSchema: (b.inputSchema as Prisma.InputJsonObject | undefined) ?? Prisma.DbNull,
      outputSchema: (b.outputSchema as Prisma.InputJsonObject | undefined) ?? Prisma.DbNull,
      exampleInput: b.exampleInput === undefined ? Prisma.DbNull : (b.exampleInput as Prisma.InputJsonValue),
      costModel: b.costModel,
      changelog: b.changelog,
      timeoutMs: b.timeoutMs,
    },
  };
}

/**
 * Adds a draft version. Everything is checked before anything is written; the artifact is stored
 * content-addressed first and removed again if the database write fails and nothing else uses it.
 * With dryRun nothing is written: the caller gets the derived schema to confirm.
 */
export async function addVersion(
  ctx: PublishContext,
  owner: string,
  name: string,
  input: AddVersionInput,
  options: { dryRun?: boolean } = {},
) {
  const model = await findOwnModel(db, ctx.publisher, owner, name);
  const semver = parseSemver(input.runtime === "onnx" ? input.fields.version : input.body.version);
  const existing = async (tx: Prisma.TransactionClient | typeof db) =>
    (await tx.modelVersion.findMany({ where: { modelId: model.id }, select: { version: true } })).map((v) => v.version);
  assertGreaterThanExisting(semver, await existing(db));
  const prepared = input.runtime === "onnx" ? await prepareOnnx(input) : prepareHttp(input.body);
  const onnxTensors = prepared.onnx ? { inputs: prepared.onnx.inputs, outputs: prepared.onnx.outputs } : undefined;

  if (options.dryRun) {
    const bytes = input.runtime === "onnx" ? input.file.bytes : null;
    return {
      dryRun: true as const,
      version: semver.version,
      inputSchema: prepared.data.inputSchema === Prisma.DbNull ? null : (prepared.data.inputSchema ?? null),
      outputSchema: prepared.data.outputSchema === Prisma.DbNull ? null : (prepared.data.outputSchema ?? null),
      ...(onnxTensors ? { onnx: onnxTensors, suggestedExampleInput: exampleFromSchema(prepared.onnx?.inputSchema) } : {}),
      ...(bytes ? { artifactSha256: sha256Of(bytes), artifactSize: bytes.byteLength } : {}),
    };
  }

  let stored: SavedArtifact | null = null;
  if (input.runtime === "onnx") stored = await saveArtifact(input.file.bytes);
  try {
    const row = await db.$transaction(async (tx) => {
      // Serialises version creation per model, so the "greater than every version" check cannot race.
      await tx.$queryRaw`SELECT id FROM models WHERE id = ${model.id}::uuid FOR UPDATE`;
      assertGreaterThanExisting(semver, await existing(tx));
      const created = await tx.modelVersion.create({
        data: {
          ...prepared.data,
          modelId: model.id,
          ...semver,
          status: "draft",
          createdById: publisherUserId(ctx.publisher),
          ...(stored ? { artifactPath: stored.key, artifactSha256: stored.sha256, artifactSize: BigInt(stored.size) } : {}),
        },
      });
      await tx.model.update({ where: { id: model.id }, data: { updatedAt: new Date() } });
      await recordAudit(tx, ctx.actor, {
        action: "version.create",
        targetType: "version",
        targetId: created.id,
        after: {
          model: model.slug,
          version: created.version,
          runtime: created.runtime,
          artifactSha256: created.artifactSha256,
          endpointUrl: created.endpointUrl,
        },
      });
      return created;
    });
    return toVersionView(row, model.slug, onnxTensors);
  } catch (error) {
    if (stored?.created) {
      const users = await db.modelVersion.count({ where: { artifactSha256: stored.sha256 } }).catch(() => 1);
      if (users === 0) await removeArtifact(stored.key);
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `Version ${semver.version} of ${model.slug} already exists.`, { details: { field: "version" } });
    }
    throw error;
  }
}
