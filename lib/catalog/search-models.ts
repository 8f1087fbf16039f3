import "server-only";
import { sql, type RawBuilder } from "kysely";
import { expandWords } from "@/lib/catalog/correct-words";
import { cardRows, toCatalogItems } from "@/lib/catalog/load-catalog-items";
import { keepModelUsageFresh } from "@/lib/catalog/model-usage-30d";
import { buildTsquery } from "@/lib/catalog/search-text";
import {
  DISCOVERABLE_STATUSES, FACET_COUNT_LIMIT, FACET_NAMES, type CatalogSort, type FacetName, type FacetValue, type SearchModelsQuery, type SearchModelsResult,
} from "@/lib/catalog/schemas";
import { kdb } from "@/lib/server/db";

/** Who is searching: models of their own teams are visible even as drafts. */
export type CatalogViewer = { teamIds: string[] };

/** A facet value counted over the matches or over the rows failing only that facet's filter. */
type FacetGroup = { facet: FacetName; value: string; label: string; n: number };
type Answer = {
  total: number;
  /** Per active filter, the rows failing only it that its facet read (at most FACET_COUNT_LIMIT + 1). */
  near: Partial<Record<FacetName, number>> | null;
  groups: FacetGroup[] | null;
  page: { id: string; calls30d: number }[] | null;
  cards: Parameters<typeof toCatalogItems>[1] | null;
};

const FACET_LIMIT = 30;
/** Matches whose facet values are listed (without counts) when there are too many to count. */
const FACET_SAMPLE = 1_000;
const DISCOVERABLE = sql`${[...DISCOVERABLE_STATUSES]}::"VersionStatus"[]`;

// One condition per active filter on the models row `m`. NULL (an unknown team, a missing license) fails.
function filterConditions(query: SearchModelsQuery, own: RawBuilder<boolean>): Partial<Record<FacetName, RawBuilder<boolean>>> {
  const c: Partial<Record<FacetName, RawBuilder<unknown>>> = {};
  if (query.task !== undefined) c.task = sql`m.task = ${query.task}`;
  if (query.framework !== undefined) c.framework = sql`m.framework = ${query.framework}`;
  if (query.tag !== undefined) c.tag = sql`${query.tag} = ANY(m.tags)`;
  if (query.team !== undefined) c.team = sql`m."teamId" = (SELECT id FROM teams WHERE slug = ${query.team})`;
  if (query.license !== undefined) c.license = sql`m.license = ${query.license}`;
  if (query.runtime !== undefined) c.runtime = sql`${query.runtime}::"Runtime" = ANY(m."catalogRuntimes")`;
  if (query.visibility !== undefined) c.visibility = sql`m.visibility = ${query.visibility}::"Visibility"`;
  if (query.status !== undefined) {
    const has = sql`${query.status}::"VersionStatus" = ANY(m."catalogStatuses")`;
    // Outside their own teams, nobody filters on (or learns about) drafts.
    c.status = (DISCOVERABLE_STATUSES as readonly string[]).includes(query.status) ? has : sql`(${own} AND ${has})`;
  }
  return Object.fromEntries(Object.entries(c).map(([f, cond]) => [f, sql<boolean>`coalesce(${cond}, false)`]));
}

/**
 * Relevance in tiers that follow the search document's weights: the whole name typed exactly (3), every
 * word in the names (weight A: 2), in names, summary, tags or task (A or B: 1), else the card only (0).
 */
function relevance(q: string, tsquery: (weights: string) => string): RawBuilder<number> {
  const exact = q.trim().toLowerCase();
  return sql<number>`CASE WHEN lower(m.name) = ${exact} OR lower(m."displayName") = ${exact} THEN 3
    WHEN m."searchVector" @@ (SELECT to_tsquery('english', ${tsquery("A")})) THEN 2
    WHEN m."searchVector" @@ (SELECT to_tsquery('english', ${tsquery("AB")})) THEN 1 ELSE 0 END`;
}

const ORDER: Record<CatalogSort, RawBuilder<unknown>> = {
  relevance: sql`rank DESC, calls30d DESC, title, id`,
  most_used: sql`calls30d DESC, title, id`,
  updated: sql`updated DESC, id`,
  name: sql`title, id`,
};

// How one facet's values are counted over a set of rows `r` failing only that facet's filter (arrays: each
// element once; statuses other than review, approved and deprecated only on the viewer's own models).
const NEAR_COUNTS: Record<FacetName, { value: RawBuilder<unknown>; from?: RawBuilder<unknown>; where?: RawBuilder<unknown> }> = {
  task: { value: sql`r.task` },
  framework: { value: sql`r.framework` },
  tag: { value: sql`t.v`, from: sql`unnest(r.tags) WITH ORDINALITY t(v, i)`, where: sql`array_position(r.tags, t.v) = t.i` },
  team: { value: sql`r."teamId"::text` },
  license: { value: sql`r.license`, where: sql`r.license IS NOT NULL` },
  runtime: { value: sql`t.v::text`, from: sql`unnest(r.runtimes) t(v)` },
  visibility: { value: sql`r.visibility::text` },
  status: { value: sql`t.v::text`, from: sql`unnest(r.statuses) t(v)`, where: sql`(r.own OR t.v = ANY(${DISCOVERABLE}))` },
};

/**
 * Catalog search in one statement over the models the viewer may see — every model with a version in
 * review, approved or deprecated (gated ones too), plus any model of the viewer's own teams: full text over
 * the stored search document (typos and prefixes corrected against the vocabulary first), filters, the
 * total, one sorted page with its cards, and facet counts that each ignore their own filter. A facet is counted when at
 * most FACET_COUNT_LIMIT models take part in it; above that its values are listed from the first of them
 * without counts (a broad search stays fast; refining it brings the counts).
 */
export async function searchModels(input: { viewer: CatalogViewer; query: SearchModelsQuery }): Promise<SearchModelsResult> {
  const { viewer, query } = input;
  keepModelUsageFresh();
  const words = query.q ? await expandWords(query.q) : [];
  const searching = words.length > 0;
  const sort: CatalogSort = query.sort ?? (searching ? "relevance" : "most_used");
  const own = sql<boolean>`m."teamId" = ANY(${viewer.teamIds}::uuid[])`;
  const filters = filterConditions(query, own);
  const active = FACET_NAMES.filter((f) => filters[f]);
  const rank = searching && sort === "relevance" ? relevance(query.q ?? "", (weights) => buildTsquery(words, weights)) : sql<number>`0`;

  // The visible models matching the words and the given filters, with what facets and sorts read.
  const matches = (applied: FacetName[]) =>
    kdb()
      .selectFrom("models as m")
      .select(["m.id", "m.teamId", "m.task", "m.framework", "m.license", "m.tags", "m.visibility", "m.updatedAt as updated"])
      .select([
        sql<string[]>`m."catalogRuntimes"`.as("runtimes"),
        sql<string[]>`m."catalogStatuses"`.as("statuses"),
        own.as("own"),
        sql<string>`lower(m."displayName") COLLATE "C"`.as("title"),
        rank.as("rank"),
      ])
      .where(sql<boolean>`(m."catalogStatuses" && ${DISCOVERABLE} OR ${own})`)
      // Called directly (not in a subquery) so the planner sees the query and estimates the match count.
      .$if(searching, (qb) => qb.where(sql<boolean>`m."searchVector" @@ to_tsquery('english', ${buildTsquery(words)})`))
      .$call((qb) => applied.reduce((q, f) => q.where(filters[f] ?? sql<boolean>`true`), qb));

  // With words, the text matches' rows are read once: every visible match that fails at most one filter,
  // with how many it fails and which (the rows failing one are what that filter's facet counts besides the
  // matches). Without words, `hits` and the rows failing one filter are each a scan of the catalog index.
  const failures = active.map((f) => sql`(NOT ${filters[f]})::int`);
  const base = matches([])
    .select(sql<number>`${failures.length ? sql.join(failures, sql` + `) : sql`0`}`.as("fails"))
    .select(sql<string>`${failures.length ? sql`CASE ${sql.join(active.map((f) => sql`WHEN NOT ${filters[f]} THEN ${f}`), sql` `)} END` : sql`NULL`}`.as("failed"));
  const hits = searching ? sql`SELECT * FROM base WHERE fails = 0` : sql`${matches(active)}`;
  const failingOnly = (f: FacetName) =>
    searching ? sql`SELECT * FROM base WHERE failed = ${f}` : sql`${matches(active.filter((a) => a !== f)).where(sql<boolean>`NOT ${filters[f]}`)}`;

  // Facets count the matches when there are at most FACET_COUNT_LIMIT (scalar facets and whole arrays in
  // one pass of grouping sets), else list the values of the first FACET_SAMPLE of them; for each active
  // filter also the first rows failing only that filter (its facet offers the other values), bounded, so
  // that facet is counted exactly when its rows stayed within the limit.
  const nearRows = active.map(
    (f) => sql`${sql.id(`near_${f}`)} AS (SELECT x.* FROM (${failingOnly(f)}) x
                LIMIT (SELECT CASE WHEN n <= ${FACET_COUNT_LIMIT} THEN ${FACET_COUNT_LIMIT + 1} - n ELSE 0 END FROM size))`,
  );
  const nearCounts = active.map((f) => {
    const { value, from, where } = NEAR_COUNTS[f];
    return sql`SELECT ${f} AS facet, ${value} AS value, count(*)::int AS n FROM ${sql.id(`near_${f}`)} r ${from ? sql`, ${from}` : sql``}
                ${where ? sql`WHERE ${where}` : sql``} GROUP BY ${value}`;
  });
  const nearSizes = active.map((f) => sql`SELECT ${f} AS facet, count(*) AS n FROM ${sql.id(`near_${f}`)}`);
  const order = ORDER[sort];
  const { rows: [answer] } = await sql<Answer>`
    WITH ${searching ? sql`base AS MATERIALIZED (${base.$if(active.length >= 2, (qb) => qb.where(sql<boolean>`${sql.join(failures, sql` + `)} <= 1`))}),` : sql``}
    hits AS NOT MATERIALIZED (${hits}),
    page AS (
      SELECT h.id, h.rank, h.updated, h.title, coalesce(u.calls, 0)::float8 AS calls30d
        FROM hits h LEFT JOIN model_usage_30d u ON u."modelId" = h.id
       ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
    ),
    size AS (SELECT count(*)::int AS n FROM hits),
    sample AS (SELECT * FROM hits LIMIT (SELECT CASE WHEN n <= ${FACET_COUNT_LIMIT} THEN n ELSE ${FACET_SAMPLE} END FROM size)),
    ${nearRows.length ? sql`${sql.join(nearRows, sql`, `)},` : sql``}
    sets AS (
      SELECT CASE WHEN GROUPING(task) = 0 THEN 'task' WHEN GROUPING(framework) = 0 THEN 'framework' WHEN GROUPING(license) = 0 THEN 'license'
                  WHEN GROUPING("teamId") = 0 THEN 'team' WHEN GROUPING(visibility) = 0 THEN 'visibility' WHEN GROUPING(tags) = 0 THEN 'tag'
                  WHEN GROUPING(runtimes) = 0 THEN 'runtime' ELSE 'status' END AS facet,
             coalesce(task, framework, license, "teamId"::text, visibility::text) AS value, tags, runtimes, statuses, own, count(*)::int AS n
        FROM sample GROUP BY GROUPING SETS ((task), (framework), (license), ("teamId"), (visibility), (tags), (runtimes), (statuses, own))
    ),
    groups AS (
                SELECT facet, value, n FROM sets WHERE facet NOT IN ('tag', 'runtime', 'status') AND value IS NOT NULL
      UNION ALL SELECT 'tag', t.v, sum(n)::int FROM sets, unnest(tags) WITH ORDINALITY t(v, i)
                 WHERE facet = 'tag' AND array_position(tags, t.v) = t.i GROUP BY t.v
      UNION ALL SELECT 'runtime', r::text, sum(n)::int FROM sets, unnest(runtimes) r WHERE facet = 'runtime' GROUP BY r
      UNION ALL SELECT 'status', s::text, sum(n)::int FROM sets, unnest(statuses) s WHERE facet = 'status' AND (own OR s = ANY(${DISCOVERABLE})) GROUP BY s
      ${nearCounts.length ? sql.join(nearCounts.map((n) => sql`UNION ALL (${n})`), sql` `) : sql``}
    )
    SELECT (SELECT n FROM size) AS total,
           ${nearSizes.length ? sql`(SELECT json_object_agg(facet, n) FROM (${sql.join(nearSizes, sql` UNION ALL `)}) s)` : sql`NULL`} AS near,
           (SELECT json_agg(json_build_object('facet', g.facet, 'value', coalesce(t.slug, g.value), 'label', coalesce(t.name, g.value), 'n', g.n))
              FROM groups g LEFT JOIN teams t ON g.facet = 'team' AND t.id::text = g.value) AS groups,
           (SELECT json_agg(json_build_object('id', id, 'calls30d', calls30d) ORDER BY ${order}) FROM page) AS page,
           (SELECT json_agg(c) FROM (${cardRows(sql<string>`(SELECT id FROM page)`)}) c) AS cards`.execute(kdb());

  const counted = (f: FacetName) => answer.total + (answer.near?.[f] ?? 0) <= FACET_COUNT_LIMIT;
  const facets = groupFacets(answer.groups ?? [], query, counted);
  const items = toCatalogItems(answer.page ?? [], answer.cards ?? [], viewer);
  return {
    items, total: answer.total, page: query.page, pageSize: query.pageSize, sort,
    facetsCounted: FACET_NAMES.every(counted), facets,
  };
}

function groupFacets(groups: FacetGroup[], query: SearchModelsQuery, counted: (f: FacetName) => boolean) {
  return Object.fromEntries(
    FACET_NAMES.map((name) => {
      // A value counted over the matches and over the rows failing only this facet's filter: one sum.
      const byValue = new Map<string, FacetGroup>();
      for (const g of groups) {
        if (g.facet !== name) continue;
        const seen = byValue.get(g.value);
        byValue.set(g.value, seen ? { ...seen, n: seen.n + g.n } : g);
      }
      const sorted = [...byValue.values()].sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
      const top = sorted.slice(0, FACET_LIMIT);
      // The active value always stays listed, so the filter can be seen and cleared.
      const active = sorted.find((f) => f.value === query[name]);
      const listed = active && !top.includes(active) ? [...top, active] : top;
      return [name, listed.map((f): FacetValue => ({ value: f.value, label: f.label, count: counted(name) ? f.n : null }))];
    }),
  ) as Record<FacetName, FacetValue[]>;
}
