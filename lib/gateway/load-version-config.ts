import "server-only";
import { db } from "@/lib/server/db";
import { openSecret } from "@/lib/secrets/secret-box";

const configSelect = {
  id: true,
  version: true,
  updatedAt: true,
  runtime: true,
  httpProtocol: true,
  endpointUrl: true,
  upstreamModelName: true,
  secretHeaderName: true,
  secretHeaderValue: true,
  timeoutMs: true,
  artifactPath: true,
  inputSchema: true,
  outputSchema: true,
  costModel: true,
  captureRate: true,
  captureRedactFields: true,
  qualityKind: true,
} as const;

// The upstream secret is decrypted once per cached config (lib/secrets/secret-box.ts), not on every call.
async function load(id: string) {
  const config = await db.modelVersion.findUniqueOrThrow({ where: { id }, select: configSelect });
  return { ...config, secretHeaderValue: config.secretHeaderValue === null ? null : openSecret(config.secretHeaderValue) };
}
export type VersionConfig = Awaited<ReturnType<typeof load>>;

// Runtime settings and schemas rarely change (never once submitted), so they are cached per
// version id + updatedAt; the status, which does change, is read fresh on every call.
const cache = new Map<string, Promise<VersionConfig>>();
const MAX_CACHED = 1000;

export function loadVersionConfig(id: string, updatedAt: Date): Promise<VersionConfig> {
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
