import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { ApiKeyView } from "@/lib/apps/schemas";

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  modelAllowlist: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
} as const;

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  modelAllowlist: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public view of a key (never the hash); allow-listed model ids are shown as their slugs. */
export function toKeyView(key: KeyRow, slugById: Map<string, string>): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes as ApiKeyView["scopes"],
    models: key.modelAllowlist.map((id) => slugById.get(id) ?? id),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
    createdAt: key.createdAt.toISOString(),
  };
}

/** Slugs of the given model ids, in one query. */
export async function modelSlugsById(tx: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const models = await tx.model.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, slug: true } });
  return new Map(models.map((m) => [m.id, m.slug]));
}
