import "server-only";
import semver from "semver";
import type { ResolvedTarget, VersionSelector } from "@/lib/gateway/resolve-version";
import { loadCanary } from "@/lib/rollouts/load-rollout";

/**
 * The canary split: a call that names no exact version (a range or "latest") goes to the model's canary version
 * with probability weight %, else to its stable version — when both are approved and both match the caller's
 * range. At weight 0 (after a rollback) they all go to the stable version, even when the canary is the newest:
 * that is what the rollback is for; deleting the canary returns to plain resolution. Pinned callers (an exact
 * version) are never split. `resolveExact` resolves a version the way the call
 * would have (visibility included), from the gateway's cached model row.
 */
export async function applyCanary(
  target: ResolvedTarget,
  selector: VersionSelector,
  resolveExact: (version: string) => Promise<ResolvedTarget>,
): Promise<ResolvedTarget> {
  if (selector.exact !== undefined || (selector.spec && semver.valid(selector.spec))) return target;
  const canary = await loadCanary(target.model.id);
  if (!canary) return target;
  if (canary.stableStatus !== "approved" || canary.canaryStatus !== "approved") return target;
  const range = selector.spec ? semver.validRange(selector.spec) : "*";
  if (!range) return target;
  const matches = (v: string) => semver.satisfies(v, range, { includePrerelease: !selector.spec });
  if (!matches(canary.stableVersion) || !matches(canary.canaryVersion)) return target;
  const chosen = Math.random() * 100 < canary.weight ? canary.canaryVersion : canary.stableVersion;
  return chosen === target.version.version ? target : resolveExact(chosen);
}
