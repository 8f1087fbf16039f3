import "server-only";
import { pool } from "@/lib/server/db";
import { cachedLookup } from "@/lib/gateway/hot-cache";
import type { VersionStatus } from "@/lib/generated/prisma/enums";

export type ShadowSetting = {
  candidateVersionId: string;
  candidateVersion: string;
  candidateStatus: VersionStatus;
  candidateUpdatedAt: Date;
  percent: number;
};

/**
 * A model's shadow as the gateway needs it on every call: one indexed read, cached per process and evicted on
 * any change to model_shadows or model_versions (lib/gateway/hot-cache.ts).
 */
export function loadShadow(modelId: string): Promise<ShadowSetting | null> {
  return cachedLookup("rollout", `shadow:${modelId}`, async () => {
    const { rows } = await pool().query<{
      candidateVersionId: string;
      version: string;
      status: VersionStatus;
      updatedAt: Date;
      percent: number;
    }>(
      `SELECT s."candidateVersionId", v.version, v.status::text AS status, v."updatedAt", s.percent
         FROM model_shadows s JOIN model_versions v ON v.id = s."candidateVersionId"
        WHERE s."modelId" = $1`,
      [modelId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      candidateVersionId: r.candidateVersionId,
      candidateVersion: r.version,
      candidateStatus: r.status,
      candidateUpdatedAt: new Date(r.updatedAt),
      percent: r.percent,
    };
  });
}

export type CanarySetting = {
  stableVersion: string;
  stableStatus: VersionStatus;
  canaryVersion: string;
  canaryStatus: VersionStatus;
  weight: number;
};

/** A model's canary split as the gateway needs it on every range or latest call (cached like the shadow). */
export function loadCanary(modelId: string): Promise<CanarySetting | null> {
  return cachedLookup("rollout", `canary:${modelId}`, async () => {
    const { rows } = await pool().query<CanarySetting>(
      `SELECT s.version AS "stableVersion", s.status::text AS "stableStatus", c.version AS "canaryVersion",
              c.status::text AS "canaryStatus", k.weight
         FROM model_canaries k
         JOIN model_versions s ON s.id = k."stableVersionId"
         JOIN model_versions c ON c.id = k."canaryVersionId"
        WHERE k."modelId" = $1`,
      [modelId],
    );
    return rows[0] ?? null;
  });
}
