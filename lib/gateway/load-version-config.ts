import "server-only";
import { db } from "@/lib/db";

const configSelect = {
  id: true, updatedAt: true, runtime: true, httpProtocol: true, endpointUrl: true, upstreamModelName: true, secretHeaderName: true,
  secretHeaderValue: true, timeoutMs: true, artifactPath: true, inputSchema: true, outputSchema: true, costModel: true,
} as const;

async function load(id: string) {
  return db.modelVersion.findUniqueOrThrow({ where: { id }, select: configSelect });
}
export type VersionConfig = Awaited<ReturnType<typeof load>>;

// Runtime settings and schemas rarely change (never once submitted), so they are cached per
// version id + updatedAt; the status, which does change, is read fresh on every call.
const holder = globalThis as unknown as { __modelportVersionConfigs?: Map<string, Promise<VersionConfig>> };
const MAX_CACHED = 1000;

export function loadVersionConfig(id: string, updatedAt: Date): Promise<VersionConfig> {
  const cache = (holder.__modelportVersionConfigs ??= new Map());
  const key = `${id}@${updatedAt.getTime()}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = load(id);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
