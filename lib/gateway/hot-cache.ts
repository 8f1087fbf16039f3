import "server-only";
import { lookupCache } from "@/lib/server/lookup-cache";

/**
 * The gateway's per-call lookups (API key, model + versions, access grants), cached for a few seconds with
 * immediate invalidation by the platform's lookup cache (lib/server/lookup-cache.ts). Here: which tables
 * make which bucket stale.
 */
export type Bucket = "key" | "model" | "grant" | "rollout";

const ttlMs = () => Number(process.env.MODELPORT_GATEWAY_CACHE_TTL_MS ?? 5_000);
const enabled = () => process.env.MODELPORT_GATEWAY_CACHE !== "0";

const buckets: Record<Bucket, ReturnType<typeof lookupCache>> = {
  // A key acts for its creator: their role, status and teams are part of the resolved key.
  key: lookupCache({ name: "key", tables: ["api_keys", "apps", "teams", "users", "team_members"], ttlMs, enabled }),
  model: lookupCache({ name: "model", tables: ["models", "model_versions", "teams"], ttlMs, enabled }),
  grant: lookupCache({ name: "grant", tables: ["access_grants", "apps"], ttlMs, enabled }),
  // A model's shadow and canary (lib/rollouts), with their versions' status.
  rollout: lookupCache({ name: "rollout", tables: ["model_shadows", "model_canaries", "model_versions"], ttlMs, enabled }),
};

/** The cached value of `load()` for bucket/key, or a fresh load when the cache cannot be trusted. */
export function cachedLookup<T>(bucket: Bucket, key: string, load: () => Promise<T>): Promise<T> {
  return buckets[bucket](key, load);
}
