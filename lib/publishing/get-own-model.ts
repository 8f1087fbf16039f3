import "server-only";
import semver from "semver";
import { db } from "@/lib/server/db";
import { canPublishInto, type Publisher } from "@/lib/publishing/publisher";
import { toVersionView } from "@/lib/publishing/version-view";

/** A model the publisher may change, with every version (newest first); null when missing or not theirs. */
export async function getOwnModel(publisher: Publisher, owner: string, name: string) {
  const model = await db.model.findUnique({
    where: { slug: `${owner}/${name}` },
    include: { team: { select: { slug: true, name: true } }, businessOwner: { select: { email: true, name: true } }, versions: true },
  });
  if (!model || !canPublishInto(publisher, model.teamId)) return null;
  const versions = model.versions.sort((a, b) => semver.rcompare(a.version, b.version)).map((v) => toVersionView(v, model.slug));
  const latest = versions[0]?.version;
  const suggestedVersion = latest ? (semver.inc(latest, semver.prerelease(latest) ? "patch" : "minor") ?? "1.0.0") : "1.0.0";
  return {
    id: model.id,
    slug: model.slug,
    owner: model.team.slug,
    name: model.name,
    displayName: model.displayName,
    summary: model.summary,
    teamName: model.team.name,
    visibility: model.visibility,
    task: model.task,
    framework: model.framework,
    valuePerCallMicros: model.valuePerCallMicros,
    businessOwner: model.businessOwner,
    versions,
    suggestedVersion,
    card: model.card,
    tags: model.tags,
    license: model.license,
    contactEmail: model.contactEmail,
    riskLevel: model.riskLevel,
    intendedUse: model.intendedUse,
    limitations: model.limitations,
  };
}
