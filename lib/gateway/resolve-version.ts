import "server-only";
import semver from "semver";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/http/errors";

export type VersionSelector = { exact?: string; spec?: string };

const versionSelect = {
  id: true, version: true, status: true, updatedAt: true, deprecatedAt: true, deprecationMessage: true, sunsetAt: true, retiredAt: true,
  replacementVersion: { select: { version: true } },
} as const;

/** The model and the version a call addresses (whatever its status: the caller's rights are checked later). */
export async function resolveVersion(owner: string, name: string, selector: VersionSelector) {
  const model = await db.model.findFirst({
    where: { name, team: { slug: owner } },
    select: { id: true, name: true, teamId: true, visibility: true, valuePerCallMicros: true, team: { select: { slug: true } }, versions: { select: versionSelect } },
  });
  if (!model) throw notFound(`Model ${owner}/${name}`);
  const label = `${owner}/${name}`;
  const { versions, ...rest } = model;
  const exact = selector.exact ?? (selector.spec && semver.valid(selector.spec) ? selector.spec : undefined);
  if (exact) {
    const found = versions.find((v) => v.version === exact);
    if (!found) throw notFound(`Version ${exact} of ${label}`);
    return { model: { ...rest, label }, version: found };
  }
  const callable = versions.filter((v) => v.status === "approved" || v.status === "deprecated");
  if (selector.spec) {
    const range = semver.validRange(selector.spec);
    if (!range) throw new AppError("invalid_semver", `"${selector.spec}" is neither a version nor a semver range (try 1.2.0, 1.*, ^1.2 or ~1.2.3).`);
    const best = semver.maxSatisfying(callable.map((v) => v.version), range);
    if (!best) throw notFound(`An approved version of ${label} matching "${selector.spec}"`);
    return { model: { ...rest, label }, version: callable.find((v) => v.version === best)! };
  }
  const approved = callable.filter((v) => v.status === "approved");
  const pool = approved.length ? approved : callable;
  const latest = semver.maxSatisfying(pool.map((v) => v.version), "*", { includePrerelease: true });
  if (!latest) throw notFound(`An approved version of ${label}`);
  return { model: { ...rest, label }, version: pool.find((v) => v.version === latest)! };
}

export type ResolvedTarget = Awaited<ReturnType<typeof resolveVersion>>;
