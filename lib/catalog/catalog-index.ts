import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DISCOVERABLE_STATUSES } from "@/lib/catalog/schemas";

/** Bit per version status / runtime, in a fixed order (the masks of CatalogIndex.statuses / runtimes). */
export const STATUS_BITS = ["draft", "pending_review", "approved", "rejected", "deprecated", "retired"] as const;
export const RUNTIME_BITS = ["onnx", "http", "openai"] as const;
export const DISCOVERABLE_MASK = DISCOVERABLE_STATUSES.reduce((mask, s) => mask | (1 << STATUS_BITS.indexOf(s)), 0);

/** The values of one scalar facet: code → value and value → code. */
export type Dictionary = { values: string[]; codes: Map<string, number> };

/**
 * The catalog's facet columns, held column-wise in memory so that counting facets over 100,000 models is a
 * pass over typed arrays rather than a grouped scan per facet. Row i is the i-th model in name order.
 */
export type CatalogIndex = {
  generation: string;
  /** When model_usage_30d was refreshed (its figures change without touching models). */
  usageAt: string;
  size: number;
  ids: string[];
  rowOf: Map<string, number>;
  task: Int32Array; framework: Int32Array; license: Int32Array; team: Int32Array; visibility: Int32Array;
  statuses: Int32Array; runtimes: Int32Array;
  /** Tag codes of row i: tagCodes[tagStart[i] .. tagStart[i + 1]). */
  tagStart: Int32Array; tagCodes: Int32Array;
  dict: { task: Dictionary; framework: Dictionary; license: Dictionary; tag: Dictionary; visibility: Dictionary };
  teams: { ids: string[]; slugs: string[]; names: string[]; codeOfId: Map<string, number>; codeOfSlug: Map<string, number> };
  /** lower(name), lower(displayName) and lower(summary + tags + task): the relevance tiers' texts. */
  name: string[]; title: string[]; middle: string[];
  calls30d: Float64Array;
  /** Row numbers in each sort's order (relevance breaks ties in most_used order). */
  order: { name: Int32Array; most_used: Int32Array; updated: Int32Array };
  /** Position of each row in most_used order. */
  usedRank: Int32Array;
  /** The search documents' lexemes, sorted (so a prefix is a range), and the ascending rows of each. */
  text: { lexemes: string[]; postings: Int32Array[] };
};

type Row = {
  id: string; teamId: string; task: string; framework: string; license: string | null; visibility: string; tags: string[];
  runtimes: string[]; statuses: string[]; name: string; title: string; middle: string; updated: Date; calls: number; lexemes: string;
};

type Holder = { index: CatalogIndex | null; loading: Promise<CatalogIndex> | null };
// On globalThis (like the Prisma client): Next bundles route handlers and pages separately, and they should
// share one copy. Per database URL, so that an index never answers for another database.
const holders: Map<string, Holder> = ((globalThis as { __modelportCatalogIndexes?: Map<string, Holder> }).__modelportCatalogIndexes ??= new Map());
function holderOf(): Holder {
  const url = process.env.DATABASE_URL ?? "";
  let holder = holders.get(url);
  if (!holder) holders.set(url, (holder = { index: null, loading: null }));
  return holder;
}

function dictionary(): Dictionary {
  return { values: [], codes: new Map() };
}
function codeOf(d: Dictionary, value: string): number {
  let code = d.codes.get(value);
  if (code === undefined) {
    code = d.values.length;
    d.values.push(value);
    d.codes.set(value, code);
  }
  return code;
}
const mask = (bits: readonly string[], values: string[]) => values.reduce((m, v) => m | (1 << bits.indexOf(v)), 0);

type Version = { generation: string; usageAt: string };

// The 30-day calls and the orders that depend on them (most_used, and relevance's tie-break).
function withUsage(index: CatalogIndex, calls: Float64Array, usageAt: string): CatalogIndex {
  const mostUsed = Int32Array.from(calls.keys()).sort((a, b) => calls[b] - calls[a] || a - b);
  const usedRank = new Int32Array(index.size);
  mostUsed.forEach((row, pos) => (usedRank[row] = pos));
  return { ...index, usageAt, calls30d: calls, order: { ...index.order, most_used: mostUsed }, usedRank };
}

function build(version: Version, rows: Row[], teams: { id: string; slug: string; name: string }[]): CatalogIndex {
  const n = rows.length;
  const dict = { task: dictionary(), framework: dictionary(), license: dictionary(), tag: dictionary(), visibility: dictionary() };
  const codeOfId = new Map(teams.map((t, i) => [t.id, i]));
  const index: CatalogIndex = {
    generation: version.generation, usageAt: version.usageAt, size: n, ids: rows.map((r) => r.id), rowOf: new Map(rows.map((r, i) => [r.id, i])),
    task: new Int32Array(n), framework: new Int32Array(n), license: new Int32Array(n), team: new Int32Array(n), visibility: new Int32Array(n),
    statuses: new Int32Array(n), runtimes: new Int32Array(n), tagStart: new Int32Array(n + 1), tagCodes: new Int32Array(rows.reduce((s, r) => s + r.tags.length, 0)),
    dict,
    teams: { ids: teams.map((t) => t.id), slugs: teams.map((t) => t.slug), names: teams.map((t) => t.name), codeOfId, codeOfSlug: new Map(teams.map((t, i) => [t.slug, i])) },
    name: rows.map((r) => r.name), title: rows.map((r) => r.title), middle: rows.map((r) => r.middle),
    calls30d: Float64Array.from(rows, (r) => r.calls),
    order: { name: Int32Array.from(rows.keys()), most_used: new Int32Array(n), updated: new Int32Array(n) },
    usedRank: new Int32Array(n),
    text: postings(rows),
  };
  let t = 0;
  rows.forEach((r, i) => {
    index.task[i] = codeOf(dict.task, r.task);
    index.framework[i] = codeOf(dict.framework, r.framework);
    index.license[i] = r.license === null ? -1 : codeOf(dict.license, r.license);
    index.team[i] = codeOfId.get(r.teamId) ?? -1;
    index.visibility[i] = codeOf(dict.visibility, r.visibility);
    index.statuses[i] = mask(STATUS_BITS, r.statuses);
    index.runtimes[i] = mask(RUNTIME_BITS, r.runtimes);
    index.tagStart[i] = t;
    for (const tag of new Set(r.tags)) index.tagCodes[t++] = codeOf(dict.tag, tag);
  });
  index.tagStart[n] = t;
  // Rows come in name order (title, id), so the row number is the name tie-break of the other sorts.
  const updated = Float64Array.from(rows, (r) => r.updated.getTime());
  const ids = index.ids;
  index.order.updated = Int32Array.from(rows.keys()).sort((a, b) => updated[b] - updated[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  return withUsage(index, index.calls30d, version.usageAt);
}

const LEXEME_SEPARATOR = "\u001f";

function postings(rows: Row[]): CatalogIndex["text"] {
  const byLexeme = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.lexemes === "") return;
    for (const lexeme of r.lexemes.split(LEXEME_SEPARATOR)) {
      const list = byLexeme.get(lexeme);
      if (list) list.push(i);
      else byLexeme.set(lexeme, [i]);
    }
  });
  const lexemes = [...byLexeme.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { lexemes, postings: lexemes.map((l) => Int32Array.from(byLexeme.get(l) ?? [])) };
}

const versionQuery = () => db.$queryRaw<{ generation: bigint; usageAt: string | null }[]>`
  SELECT generation, (SELECT "refreshedAt"::text FROM model_usage_30d LIMIT 1) AS "usageAt" FROM catalog_generation WHERE id = 1`;
const versionOf = (rows: { generation: bigint; usageAt: string | null }[]): Version => ({ generation: String(rows[0]?.generation ?? 0), usageAt: rows[0]?.usageAt ?? "" });

async function load(): Promise<CatalogIndex> {
  // One snapshot for the counter and the rows: a change committed in between shows up as a newer counter.
  const [version, rows, teams] = await db.$transaction(
    async (tx) => [
      await tx.$queryRaw<{ generation: bigint; usageAt: string | null }[]>`
        SELECT generation, (SELECT "refreshedAt"::text FROM model_usage_30d LIMIT 1) AS "usageAt" FROM catalog_generation WHERE id = 1`,
      await tx.$queryRaw<Row[]>`
        SELECT m.id, m."teamId", m.task, m.framework, m.license, m.visibility::text AS visibility, m.tags,
               m."catalogRuntimes"::text[] AS runtimes, m."catalogStatuses"::text[] AS statuses,
               lower(m.name) AS name, lower(m."displayName") AS title,
               lower(m.summary || ' ' || array_to_string(m.tags, ' ') || ' ' || m.task) AS middle,
               m."updatedAt" AS updated, coalesce(u.calls, 0)::float8 AS calls,
               coalesce(array_to_string(tsvector_to_array(m."searchVector"), chr(31)), '') AS lexemes
          FROM models m LEFT JOIN model_usage_30d u ON u."modelId" = m.id
         ORDER BY lower(m."displayName"), m.id`,
      await tx.$queryRaw<{ id: string; slug: string; name: string }[]>`SELECT id, slug, name FROM teams`,
    ] as const,
    // Reading a large catalog takes seconds on a busy machine.
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000, maxWait: 30_000 },
  );
  return build(versionOf(version), rows, teams);
}

async function loadUsage(index: CatalogIndex): Promise<CatalogIndex> {
  const [version, usage] = await db.$transaction([versionQuery(), db.$queryRaw<{ id: string; calls: number }[]>`SELECT "modelId" AS id, calls::float8 AS calls FROM model_usage_30d`], {
    isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
  });
  const calls = new Float64Array(index.size);
  for (const u of usage) {
    const r = index.rowOf.get(u.id);
    if (r !== undefined) calls[r] = u.calls;
  }
  return withUsage(index, calls, versionOf(version).usageAt);
}

/**
 * The current catalog index: one tiny query checks the generation counter (bumped by triggers whenever models
 * or teams change) and the 30-day usage refresh time; a model change reloads everything, a usage refresh
 * only the figures; concurrent searches share one reload.
 */
export async function getCatalogIndex(): Promise<CatalogIndex> {
  const holder = holderOf();
  const current = versionOf(await versionQuery());
  const index = holder.index;
  if (index?.generation === current.generation && index.usageAt === current.usageAt) return index;
  holder.loading ??= (index?.generation === current.generation ? loadUsage(index) : load()).finally(() => {
    holder.loading = null;
  });
  const loaded = await holder.loading;
  holder.index = loaded;
  // A reload that started before this change was committed is older than `current`: load again.
  return BigInt(loaded.generation) >= BigInt(current.generation) ? loaded : getCatalogIndex();
}
