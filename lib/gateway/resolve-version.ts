import "server-only";
import semver from "semver";
import { pool } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { canSeeModel, canSeeVersion, isModelInsider, type ModelViewer } from "@/lib/catalog/model-visibility";
import { cachedLookup } from "@/lib/gateway/hot-cache";
import type { VersionStatus, Visibility } from "@/lib/generated/prisma/enums";

export type VersionSelector = { exact?: string; spec?: string };

type VersionRow = {
  id: string;
  version: string;
  status: VersionStatus;
  updatedAt: Date;
  deprecatedAt: Date | null;
  deprecationMessage: string | null;
  sunsetAt: Date | null;
  retiredAt: Date | null;
  replacementVersion: { version: string } | null;
};
type ModelRow = { id: string; name: string; teamId: string; visibility: Visibility; valuePerCallMicros: bigint; versions: VersionRow[] };
type RawVersion = Omit<VersionRow, "updatedAt" | "deprecatedAt" | "sunsetAt" | "retiredAt" | "replacementVersion"> & {
  updatedAt: string;
  deprecatedAt: string | null;
  sunsetAt: string | null;
  retiredAt: string | null;
  replacement: string | null;
};
const date = (v: string | null) => (v === null ? null : new Date(v));

// Plain SQL on the hot-path pool (the ORM cost several ms of CPU per call here), cached for a few seconds
// with immediate eviction on any change to models, versions or teams (lib/gateway/hot-cache.ts).
function loadModel(owner: string, name: string): Promise<ModelRow | null> {
  return cachedLookup("model", `${owner}/${name}`, () => queryModel(owner, name));
}

async function queryModel(owner: string, name: string): Promise<ModelRow | null> {
  const { rows } = await pool().query<Omit<ModelRow, "versions"> & { versions: RawVersion[] }>(
    `
    SELECT m.id, m.name, m."teamId", m.visibility::text AS visibility, m."valuePerCallMicros",
      coalesce(json_agg(json_build_object('id', v.id, 'version', v.version, 'status', v.status, 'updatedAt', v."updatedAt",
        'deprecatedAt', v."deprecatedAt", 'deprecationMessage', v."deprecationMessage", 'sunsetAt', v."sunsetAt",
        'retiredAt', v."retiredAt", 'replacement', r.version)) FILTER (WHERE v.id IS NOT NULL), '[]') AS versions
    FROM models m JOIN teams t ON t.id = m."teamId"
    LEFT JOIN model_versions v ON v."modelId" = m.id
    LEFT JOIN model_versions r ON r.id = v."replacementVersionId"
    WHERE t.slug = $1 AND m.name = $2
    GROUP BY m.id`,
    [owner, name],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    valuePerCallMicros: BigInt(row.valuePerCallMicros),
    versions: row.versions.map(({ replacement, ...v }) => ({
      ...v,
      updatedAt: new Date(v.updatedAt),
      deprecatedAt: date(v.deprecatedAt),
      sunsetAt: date(v.sunsetAt),
      retiredAt: date(v.retiredAt),
      replacementVersion: replacement ? { version: replacement } : null,
    })),
  };
}

type Target = { model: Omit<ModelRow, "versions"> & { label: string }; version: VersionRow };

// Resolving a selector (semver parsing, range matching) is pure given the model row, so it is remembered on
// the cached row itself: a change to the model or its versions evicts the row, and these with it.
const resolved = new WeakMap<ModelRow, Map<string, Target>>();
const MAX_SELECTORS = 100;

/**
 * The model and the version a call addresses, as far as the viewer may see them (lib/catalog/model-visibility.ts:
 * a hidden model or version answers exactly like a missing one); the caller's rights are checked later.
 */
export async function resolveVersion(owner: string, name: string, selector: VersionSelector, viewer: ModelViewer): Promise<Target> {
  const model = await loadModel(owner, name);
  if (!model || !canSeeModel(model, statusesOf(model), viewer)) throw notFound(`Model ${owner}/${name}`);
  const insider = isModelInsider(model, viewer);
  const key = `${insider ? "i" : "o"}${selector.exact !== undefined ? `=${selector.exact}` : selector.spec ? `~${selector.spec}` : ""}`;
  let memo = resolved.get(model);
  const hit = memo?.get(key);
  if (hit) return hit;
  const target = pick(model, `${owner}/${name}`, selector, insider);
  if (!memo) resolved.set(model, (memo = new Map()));
  if (memo.size < MAX_SELECTORS) memo.set(key, target);
  return target;
}

const statusLists = new WeakMap<ModelRow, string[]>();
function statusesOf(model: ModelRow): string[] {
  let statuses = statusLists.get(model);
  if (!statuses) statusLists.set(model, (statuses = model.versions.map((v) => v.status)));
  return statuses;
}

function pick(model: ModelRow, label: string, selector: VersionSelector, insider: boolean): Target {
  const { versions, ...rest } = model;
  const exact = selector.exact ?? (selector.spec && semver.valid(selector.spec) ? selector.spec : undefined);
  if (exact) {
    const found = versions.find((v) => v.version === exact && canSeeVersion(v.status, insider));
    if (!found) throw notFound(`Version ${exact} of ${label}`);
    return { model: { ...rest, label }, version: found };
  }
  const callable = versions.filter((v) => v.status === "approved" || v.status === "deprecated");
  if (selector.spec) {
    const range = semver.validRange(selector.spec);
    if (!range)
      throw new AppError("invalid_semver", `"${selector.spec}" is neither a version nor a semver range (try 1.2.0, 1.*, ^1.2 or ~1.2.3).`);
    const best = semver.maxSatisfying(
      callable.map((v) => v.version),
      range,
    );
    if (!best) throw notFound(`An approved version of ${label} matching "${selector.spec}"`);
    return { model: { ...rest, label }, version: callable.find((v) => v.version === best)! };
  }
  const approved = callable.filter((v) => v.status === "approved");
  const pool = approved.length ? approved : callable;
  const latest = semver.maxSatisfying(
    pool.map((v) => v.version),
    "*",
    { includePrerelease: true },
  );
  if (!latest) throw notFound(`An approved version of ${label}`);
  return { model: { ...rest, label }, version: pool.find((v) => v.version === latest)! };
}

export type ResolvedTarget = Target;
