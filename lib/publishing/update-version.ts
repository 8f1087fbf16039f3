import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/server/errors";
import { findOwnVersion } from "@/lib/publishing/find-own-model";
import type { PublishContext } from "@/lib/publishing/publisher";
import type { PatchVersionInput } from "@/lib/publishing/schemas";
import { compileSchema, validateExampleInput } from "@/lib/publishing/validate-example-input";
import { toVersionView } from "@/lib/publishing/version-view";
import { sealSecret } from "@/lib/secrets/secret-box";

export function notDraft(version: string, status: string) {
  return new AppError(
    "conflict",
    `Version ${version} is ${status.replace("_", " ")}; only drafts can be changed or deleted (a submitted version is immutable).`,
    {
      details: { currentStatus: status },
    },
  );
}

const json = (v: unknown) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));

/** Edits a draft. The artifact, the ONNX-derived schema, the runtime and the version number stay fixed. */
export async function updateVersion(ctx: PublishContext, owner: string, name: string, version: string, patch: PatchVersionInput) {
  return db.$transaction(async (tx) => {
    const { model, version: current } = await findOwnVersion(tx, ctx.publisher, owner, name, version);
    if (current.status !== "draft") throw notDraft(current.version, current.status);
    const http = current.runtime !== "onnx";
    const httpOnly = [
      "endpointUrl",
      "protocol",
      "upstreamModelName",
      "secretHeaderName",
      "secretHeaderValue",
      "inputSchema",
      "outputSchema",
    ] as const;
    const misplaced = httpOnly.find((k) => patch[k] !== undefined);
    if (!http && misplaced) {
      throw new AppError("unprocessable", `${misplaced} cannot be set on an ONNX version: its schema comes from the uploaded graph.`, {
        details: { field: misplaced },
      });
    }
    if (patch.inputSchema) compileSchema(patch.inputSchema, "inputSchema");
    if (patch.outputSchema) compileSchema(patch.outputSchema, "outputSchema");
    const inputSchema = patch.inputSchema !== undefined ? patch.inputSchema : current.inputSchema;
    const example = patch.exampleInput !== undefined ? patch.exampleInput : current.exampleInput;
    validateExampleInput(inputSchema, example);

    const data: Prisma.ModelVersionUncheckedUpdateManyInput = {
      ...(patch.changelog !== undefined ? { changelog: patch.changelog } : {}),
      ...(patch.exampleInput !== undefined ? { exampleInput: json(patch.exampleInput) } : {}),
      ...(patch.costModel ? { costModel: patch.costModel } : {}),
      ...(patch.timeoutMs !== undefined ? { timeoutMs: patch.timeoutMs } : {}),
      ...(patch.endpointUrl !== undefined ? { endpointUrl: patch.endpointUrl } : {}),
      ...(patch.protocol !== undefined ? { httpProtocol: patch.protocol } : {}),
      ...(patch.upstreamModelName !== undefined ? { upstreamModelName: patch.upstreamModelName || null } : {}),
      ...(patch.secretHeaderName !== undefined ? { secretHeaderName: patch.secretHeaderName || null } : {}),
      ...(patch.secretHeaderValue !== undefined
        ? { secretHeaderValue: patch.secretHeaderValue ? sealSecret(patch.secretHeaderValue) : null }
        : {}),
      ...(patch.inputSchema !== undefined ? { inputSchema: json(patch.inputSchema) } : {}),
      ...(patch.outputSchema !== undefined ? { outputSchema: json(patch.outputSchema) } : {}),
    };
    // Conditional on still being a draft, so a concurrent submit cannot be overwritten.
    const { count } = await tx.modelVersion.updateMany({ where: { id: current.id, status: "draft" }, data });
    if (count === 0) throw notDraft(current.version, "no longer a draft");
    const updated = await tx.modelVersion.findUniqueOrThrow({ where: { id: current.id } });
    const { secretHeaderValue: secret, ...changed } = patch;
    await recordAudit(tx, ctx.actor, {
      action: "version.update",
      targetType: "version",
      targetId: current.id,
      after: {
        model: model.slug,
        version: current.version,
        ...(changed as Prisma.InputJsonObject),
        ...(secret !== undefined ? { secretHeaderValue: "[changed]" } : {}),
      },
    });
    return toVersionView(updated, model.slug);
  });
}
