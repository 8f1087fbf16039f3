import "server-only";
import v8 from "node:v8";
import vm from "node:vm";
import { catalogSql } from "@/lib/catalog/catalog-sql";
import { patchIndex, startIndex, withUsage, type CatalogIndex, type ModelRow, type Team } from "@/lib/catalog/catalog-index-build";

export { DISCOVERABLE_MASK, RUNTIME_BITS, STATUS_BITS, type CatalogIndex } from "@/lib/catalog/catalog-index-build";

/** What the database says about the catalog right now (one tiny query, made by every search). */
export type CatalogVersion = { generation: string; logFrom: string; usageAt: string };

type Holder = { index: CatalogIndex | null; loading: Promise<CatalogIndex> | null; rebuilt: CatalogIndex | null; rebuilding: boolean };
// On globalThis (like the Prisma client): Next bundles route handlers and pages separately, and they should
// share one copy. Per database URL, so that an index never answers for another database.
const holders: Map<string, Holder> = ((globalThis as { __modelportCatalogIndexes?: Map<string, Holder> }).__modelportCatalogIndexes ??= new Map());
function holderOf(): Holder {
  const url = process.env.DATABASE_URL ?? "";
  let holder = holders.get(url);
  if (!holder) holders.set(url, (holder = { index: null, loading: null, rebuilt: null, rebuilding: false }));
  return holder;
}

/** The index this process holds, if any (possibly behind the database: getCatalogIndex brings it up to date). */
export const heldCatalogIndex = (): CatalogIndex | null => holderOf().index;

const VERSION_COLUMNS = `g.generation::text AS generation, g."logFrom"::text AS "logFrom",
  coalesce((SELECT "refreshedAt"::text FROM model_usage_30d LIMIT 1), '') AS "usageAt"`;

const ROW_COLUMNS = `m.id, m."teamId", m.task, m.framework, m.license, m.visibility::text AS visibility, m.tags,
  m."catalogRuntimes"::text[] AS runtimes, m."catalogStatuses"::text[] AS statuses,
  lower(m.name) AS name, lower(m."displayName") AS title,
  lower(m.summary || ' ' || array_to_string(m.tags, ' ') || ' ' || m.task) AS middle,
  m."updatedAt" AS updated, coalesce(u.calls, 0)::float8 AS calls,
  coalesce(array_to_string(tsvector_to_array(m."searchVector"), chr(31)), '') AS lexemes,
  json_build_object('slug', m.slug, 'name', m.name, 'displayName', m."displayName", 'summary', m.summary, 'task', m.task,
    'framework', m.framework, 'tags', m.tags, 'license', m.license, 'visibility', m.visibility, 'runtimes', m."catalogRuntimes",
    'statuses', m."catalogStatuses", 'updatedAt', to_char(m."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'latestVersion', (SELECT v.version FROM model_versions v WHERE v."modelId" = m.id AND v.status = 'approved'
                       ORDER BY v.major DESC, v.minor DESC, v.patch DESC, v."createdAt" DESC LIMIT 1))::text AS card`;

/**
 * The catalog version plus, in the same round trip, PostgreSQL's normalisation of each term as a prefix
 * query (`to_tsquery('english', 'term:*')`: stemming and stop words exactly as the search documents got
 * them; '' for a stop word).
 */
export async function readCatalogVersion(terms: string[] = []): Promise<CatalogVersion & { normalised: string[] }> {
  const { rows } = await catalogSql().query<CatalogVersion & { normalised: string[] }>(
    `SELECT ${VERSION_COLUMNS},
            ARRAY(SELECT coalesce(to_tsquery('english', t || ':*')::text, '') FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n) AS normalised
       FROM catalog_generation g WHERE g.id = 1`,
    [terms],
  );
  return rows[0] ?? { generation: "0", logFrom: "0", usageAt: "", normalised: terms.map(() => "") };
}

const LOAD_BATCH = 5_000;

// A full build (seconds at 100,000 models) leaves hundreds of MB of row garbage; left to itself, V8 collects
// it during some later search (a pause of a few hundred ms on a busy machine). Collect it right after the
// build instead, where the time is already being spent. Without a reachable gc(), nothing happens.
function collectBuildGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("typeof gc === 'function' ? gc : undefined");
    if (typeof gc === "function") (gc as () => void)();
  } catch {
    // not available in this runtime: the collector runs when it chooses
  }
}

async function fullLoad(): Promise<CatalogIndex> {
  // One snapshot for the counter and the rows: a change committed in between shows up as a newer counter.
  const client = await catalogSql().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const version = (await client.query<CatalogVersion>(`SELECT ${VERSION_COLUMNS} FROM catalog_generation g WHERE g.id = 1`)).rows[0];
    const teams = (await client.query<Team>(`SELECT id, slug, name FROM teams`)).rows;
    const terms = (await client.query<{ term: string }>(`SELECT term FROM search_terms`)).rows.map((r) => r.term);
    const builder = startIndex({ generation: version?.generation ?? "0", usageAt: version?.usageAt ?? "" }, teams, terms);
    // In batches (keyset on id): each batch's rows are garbage once added, instead of 100,000 wide rows
    // (lexemes, cards) living through the whole build and leaving a large heap to collect later.
    for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
      const { rows } = await client.query<ModelRow>(
        `SELECT ${ROW_COLUMNS} FROM models m LEFT JOIN model_usage_30d u ON u."modelId" = m.id WHERE m.id > $1::uuid ORDER BY m.id LIMIT ${LOAD_BATCH}`,
        [after],
      );
      builder.add(rows);
      if (rows.length < LOAD_BATCH) break;
      after = rows[rows.length - 1].id;
    }
    await client.query("COMMIT");
    const ix = builder.finish();
    collectBuildGarbage();
    return ix;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

// More changes than this since the index's generation: building afresh is as cheap as patching.
const PATCH_LIMIT = 20_000;

/**
 * Brings the index up to the current generation by re-reading only the models the change log names
 * (catalog_changes, written at commit by the same trigger that bumps the generation). One statement, so
 * one snapshot for the counter, the log, the rows, the teams and the new vocabulary words. Null when the
 * log no longer reaches back to the index's generation (a bulk change, or pruned): load afresh.
 */
async function patch(ix: CatalogIndex): Promise<CatalogIndex | null> {
  type Answer = CatalogVersion & { changed: string[] | null; rows: ModelRow[] | null; teams: Team[] | null; terms: string[] | null };
  const { rows } = await catalogSql().query<Answer>(
    `WITH g AS (SELECT * FROM catalog_generation WHERE id = 1),
          ch AS (SELECT DISTINCT c."modelId" AS id FROM catalog_changes c, g
                  WHERE c.generation > $1::bigint AND c.generation <= g.generation AND g."logFrom" <= $1::bigint),
          r AS (SELECT ${ROW_COLUMNS}, m.name || ' ' || m."displayName" || ' ' || m.summary || ' ' || array_to_string(m.tags, ' ') || ' ' ||
                       m.task || ' ' || m.framework || ' ' || left(m.card, 20000) AS vocabulary_text
                  FROM models m LEFT JOIN model_usage_30d u ON u."modelId" = m.id
                 WHERE m.id IN (SELECT id FROM ch) AND (SELECT count(*) FROM ch) <= $2)
     SELECT ${VERSION_COLUMNS},
            (SELECT array_agg(id::text) FROM ch) AS changed,
            (SELECT json_agg(to_jsonb(r) - 'vocabulary_text') FROM r) AS rows,
            (SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name)) FROM teams t) AS teams,
            (SELECT array_agg(DISTINCT s.term) FROM r, regexp_split_to_table(lower(r.vocabulary_text), '[^a-z0-9]+') w
               JOIN search_terms s ON s.term = w) AS terms
       FROM g`,
    [ix.generation, PATCH_LIMIT],
  );
  const answer = rows[0];
  const changed = answer?.changed ?? [];
  if (!answer || BigInt(answer.logFrom) > BigInt(ix.generation) || changed.length > PATCH_LIMIT) return null;
  const version = { generation: answer.generation, usageAt: ix.usageAt };
  return patchIndex(ix, version, { changedIds: changed, rows: answer.rows ?? [], teams: answer.teams ?? [], newTerms: answer.terms ?? [] });
}

async function reloadUsage(ix: CatalogIndex): Promise<CatalogIndex> {
  const { rows } = await catalogSql().query<{ id: string; calls: number; usageAt: string }>(
    `SELECT "modelId"::text AS id, calls::float8 AS calls, "refreshedAt"::text AS "usageAt" FROM model_usage_30d`,
  );
  return withUsage(ix, rows[0]?.usageAt ?? "", new Map(rows.map((r) => [r.id, r.calls])));
}

// Once this share of the slots is dead (changed or deleted models), a fresh index is built in the background.
const REBUILD_SHARE = 0.25;

async function bringUpToDate(holder: Holder, target: CatalogVersion): Promise<CatalogIndex> {
  // A background rebuild that finished is the better base: it is compact, and the log brings it up to date.
  const usable = (candidate: CatalogIndex | null) => (candidate && BigInt(candidate.generation) >= BigInt(target.logFrom) ? candidate : null);
  let ix = usable(holder.rebuilt) ?? usable(holder.index);
  holder.rebuilt = null;
  if (ix && ix.generation !== target.generation) ix = await patch(ix);
  ix ??= await fullLoad();
  if (ix.usageAt !== target.usageAt) ix = await reloadUsage(ix);
  if (ix.dead > 1000 && ix.dead > ix.size * REBUILD_SHARE && !holder.rebuilding) {
    holder.rebuilding = true;
    fullLoad()
      .then((fresh) => (holder.rebuilt = fresh))
      .catch((error: unknown) => console.error("catalog index rebuild failed", error))
      .finally(() => (holder.rebuilding = false));
  }
  return ix;
}

/**
 * The catalog index at (at least) the given database version. A catalog change costs a patch of the changed
 * models (one query); the index is only built from scratch on first use, after a bulk change the log does not
 * hold, or in the background once many slots are dead. Concurrent searches share one update.
 */
export async function getCatalogIndex(known?: CatalogVersion): Promise<CatalogIndex> {
  const holder = holderOf();
  const target = known ?? (await readCatalogVersion());
  const current = holder.index;
  if (current && current.generation === target.generation && current.usageAt === target.usageAt && !holder.rebuilt) return current;
  holder.loading ??= bringUpToDate(holder, target).finally(() => {
    holder.loading = null;
  });
  const loaded = await holder.loading;
  holder.index = loaded;
  // An update that started before this change was committed is older than `target`: update again.
  return BigInt(loaded.generation) >= BigInt(target.generation) ? loaded : getCatalogIndex(target);
}
