import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/server/errors";

/** A version addressed the public way (`owner/name` + exact version), with what governance decisions need. */
export async function findVersion(tx: DbOrTx, ref: { owner: string; name: string; version: string }) {
  const v = await tx.modelVersion.findFirst({
    where: { version: ref.version, model: { name: ref.name, team: { slug: ref.owner } } },
    select: {
      id: true,
      version: true,
      status: true,
      createdById: true,
      submittedById: true,
      modelId: true,
      sunsetAt: true,
      model: { select: { id: true, slug: true, teamId: true, riskLevel: true, name: true, team: { select: { slug: true } } } },
    },
  });
  if (!v) throw notFound(`Version ${ref.version} of ${ref.owner}/${ref.name}`);
  return v;
}

/** Takes the row lock of a version for the rest of the transaction, so concurrent decisions run one after another. */
export async function lockVersion(tx: DbOrTx, versionId: string): Promise<string> {
  const rows = await tx.$queryRaw<
    { status: string }[]
  >`SELECT status::text AS status FROM model_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
  if (!rows[0]) throw notFound("The version");
  return rows[0].status;
}
