import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";

// What changed since the previous released version: the reviewer's view of a submission.

export type SchemaChange = { path: string; change: "added" | "removed" | "changed"; before?: string; after?: string };

type JsonObject = { [k: string]: unknown };
const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Flattens a JSON Schema to `path → "type[, required]"`, enough to show added, removed and retyped fields. */
function flatten(schema: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (!isObject(schema)) return out;
  const type = Array.isArray(schema.type) ? schema.type.join("|") : typeof schema.type === "string" ? schema.type : "any";
  if (prefix) out.set(prefix, type);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  if (isObject(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) {
      const path = prefix ? `${prefix}.${k}` : k;
      flatten(sub, path, out);
      if (required.has(k)) out.set(path, `${out.get(path) ?? "any"}, required`);
    }
  }
  if (isObject(schema.items)) flatten(schema.items, `${prefix}[]`, out);
  return out;
}

export function diffSchemas(before: unknown, after: unknown): SchemaChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: SchemaChange[] = [];
  for (const [path, t] of b) {
    if (!a.has(path)) changes.push({ path, change: "added", after: t });
    else if (a.get(path) !== t) changes.push({ path, change: "changed", before: a.get(path), after: t });
  }
  for (const [path, t] of a) if (!b.has(path)) changes.push({ path, change: "removed", before: t });
  if (changes.length === 0 && JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) {
    changes.push({ path: "(schema)", change: "changed", before: "constraints", after: "constraints" });
  }
  return changes.sort((x, y) => x.path.localeCompare(y.path));
}

export async function diffWithPreviousVersion(tx: DbOrTx, versionId: string) {
  const v = await tx.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      modelId: true,
      major: true,
      minor: true,
      patch: true,
      runtime: true,
      inputSchema: true,
      outputSchema: true,
      changelog: true,
      model: { select: { updatedAt: true } },
    },
  });
  const older = await tx.modelVersion.findMany({
    where: { modelId: v.modelId, id: { not: versionId }, status: { not: "draft" } },
    select: {
      version: true,
      major: true,
      minor: true,
      patch: true,
      runtime: true,
      inputSchema: true,
      outputSchema: true,
      approvedAt: true,
      submittedAt: true,
    },
  });
  const key = (x: { major: number; minor: number; patch: number }) => x.major * 1e12 + x.minor * 1e6 + x.patch;
  const previous = older.filter((o) => key(o) < key(v)).sort((x, y) => key(y) - key(x))[0] ?? null;
  const since = previous?.approvedAt ?? previous?.submittedAt ?? null;
  return {
    previousVersion: previous?.version ?? null,
    runtime: { before: previous?.runtime ?? null, after: v.runtime, changed: previous !== null && previous.runtime !== v.runtime },
    inputSchema: previous ? diffSchemas(previous.inputSchema, v.inputSchema) : [],
    outputSchema: previous ? diffSchemas(previous.outputSchema, v.outputSchema) : [],
    changelog: v.changelog,
    cardChangedSincePrevious: since ? v.model.updatedAt > since : null,
  };
}
