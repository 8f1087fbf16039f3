import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { forbidden, notFound } from "@/lib/server/errors";
import { canPublishInto, type Publisher } from "@/lib/publishing/publisher";

/**
 * The model `owner/name` if the publisher may change it. A model the publisher cannot change but may see
 * is a 403; a missing one is a 404.
 */
export async function findOwnModel(tx: DbOrTx, publisher: Publisher, owner: string, name: string) {
  const model = await tx.model.findUnique({
    where: { slug: `${owner}/${name}` },
    select: { id: true, slug: true, name: true, teamId: true, team: { select: { slug: true } } },
  });
  if (!model) throw notFound(`The model ${owner}/${name}`);
  if (!canPublishInto(publisher, model.teamId)) throw forbidden(`Only members of the team ${owner} can change ${owner}/${name}.`);
  return model;
}

/** One version of a model the publisher may change (404 when the model has no such version). */
export async function findOwnVersion(tx: DbOrTx, publisher: Publisher, owner: string, name: string, version: string) {
  const model = await findOwnModel(tx, publisher, owner, name);
  const row = await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } } });
  if (!row) throw notFound(`Version ${version} of ${owner}/${name}`);
  return { model, version: row };
}
