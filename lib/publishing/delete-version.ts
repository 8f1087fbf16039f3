import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import { findOwnVersion } from "@/lib/publishing/find-own-model";
import type { PublishContext } from "@/lib/publishing/publisher";
import { removeArtifact } from "@/lib/artifacts/artifact-store";
import { notDraft } from "@/lib/publishing/update-version";

/** Deletes a draft; its artifact goes too unless another version has the same bytes. */
export async function deleteVersion(ctx: PublishContext, owner: string, name: string, version: string): Promise<void> {
  const removed = await db.$transaction(async (tx) => {
    const { model, version: current } = await findOwnVersion(tx, ctx.publisher, owner, name, version);
    if (current.status !== "draft") throw notDraft(current.version, current.status);
    const { count } = await tx.modelVersion.deleteMany({ where: { id: current.id, status: "draft" } });
    if (count === 0) throw notDraft(current.version, "no longer a draft");
    await recordAudit(tx, ctx.actor, {
      action: "version.delete",
      targetType: "version",
      targetId: current.id,
      before: { model: model.slug, version: current.version, runtime: current.runtime, artifactSha256: current.artifactSha256 },
    });
    return current;
  });
  if (removed.artifactPath && removed.artifactSha256) {
    const others = await db.modelVersion.count({ where: { artifactSha256: removed.artifactSha256 } });
    if (others === 0) await removeArtifact(removed.artifactPath);
  }
}
