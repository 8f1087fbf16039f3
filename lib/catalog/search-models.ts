import "server-only";
import { sql, type RawBuilder } from "kysely";
import { expandWords } from "@/lib/catalog/correct-words";
import { DISCOVERABLE, facetCounts, groupFacets, nearSizes, type FacetGroup } from "@/lib/catalog/count-facets";
import { cardRows, toCatalogItems } from "@/lib/catalog/load-catalog-items";
import { buildTsquery } from "@/lib/catalog/search-text";
import {
  DISCOVERABLE_STATUSES,
  FACET_COUNT_LIMIT,
  FACET_NAMES,
  type CatalogSort,
  type FacetName,
  type SearchModelsQuery,
  type SearchModelsResult,
} from "@/lib/catalog/schemas";
import { kdb } from "@/lib/server/db";

/** Who is searching: models of their own teams are visible even as drafts. */
export type CatalogViewer = { teamIds: string[] };

type Answer = {
  total: number;
  /** Per active filter, the rows failing only it that its facet read (at most FACET_COUNT_LIMIT + 1). */
  near: Partial<Record<FacetName, number>> | null;
  groups: FacetGroup[] | null;
  page: { id: string; calls30d: number }[] | null;
  cards: Parameters<typeof toCatalogItems>[1] | null;
};

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
  if (query.health !== undefined) c.health = sql`m."healthStatus" = ${query.health}::"HealthStatus"`;
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
  stars: sql`stars DESC, calls30d DESC, title, id`,
  trending: sql`trend DESC, calls30d DESC, title, id`,
};

// Stars per model, read only by the sorts that order by them.
const STARS = sql<number>`(SELECT count(*) FROM model_stars s WHERE s."modelId" = h.id)::float8`;

/**
 * How much a model grows: calls of the last 7 days (today included) from the narrow daily roll-up, less the
 * weekly average of the 28 days before, plus the same for stars weighted by STAR_WEIGHT (a star is a rarer,
 * more deliberate signal than a call). A model with no history scores its last week.
 */
const STAR_WEIGHT = 25;
const TREND = sql<number>`(
  SELECT coalesce(sum(CASE WHEN d.day >= date_trunc('day', now()) - interval '6 days' THEN d.calls ELSE -d.calls / 4.0 END), 0)
    FROM usage_daily_by d
   WHERE d.dim = 'model' AND d.key = h.id::text AND d.day >= date_trunc('day', now()) - interval '34 days'
) + ${STAR_WEIGHT} * (
  SELECT coalesce(sum(CASE WHEN s."createdAt" >= date_trunc('day', now()) - interval '6 days' THEN 1 ELSE -0.25 END), 0)
    FROM model_stars s
   WHERE s."modelId" = h.id AND s."createdAt" >= date_trunc('day', now()) - interval '34 days'
)`;

/**
 * Catalog search in one statement over the models the viewer may see — every model with a version in
 * review, approved or deprecated (gated ones too), plus any model of the viewer's own teams: full text over
 * the stored search document (typos and prefixes corrected against the vocabulary first), filters, the
 * total, one sorted page with its cards, and facet counts that each ignore their own filter. A facet is
 * counted when at most FACET_COUNT_LIMIT models take part in it; above that its values are listed without
 * counts (a broad search stays fast; refining it brings the counts).
 */
export async function searchModels(input: { viewer: CatalogViewer; query: SearchModelsQuery }): Promise<SearchModelsResult> {
  const { viewer, query } = input;
  const words = query.q ? await expandWords(query.q) : [];
  const searching = words.length > 0;
  const sort: CatalogSort = query.sort ?? (searching ? "relevance" : "most_used");
  const own = sql<boolean>`m."teamId" = ANY(${viewer.teamIds}::uuid[])`;
  const filters = filterConditions(query, own);
  const active = FACET_NAMES.filter((f) => filters[f]);
  const rank = searching && sort === "relevance" ? relevance(query.q ?? "", (weights) => buildTsquery(words, weights)) : sql<number>`0`;

  // What facets read of a models row `m`.
  const facetColumns: [RawBuilder<unknown>, string][] = [
    [sql`m."teamId"`, "teamId"],
    [sql`m.task`, "task"],
    [sql`m.framework`, "framework"],
    [sql`m.license`, "license"],
    [sql`m.tags`, "tags"],
    [sql`m.visibility`, "visibility"],
    [sql`m."catalogRuntimes"`, "runtimes"],
    [sql`m."catalogStatuses"`, "statuses"],
    [sql`m."healthStatus"`, "health"],
    [own, "own"],
  ];
  // The visible models matching the words and the given filters, with what sorts read (and, `wide`, facets).
  const matches = (applied: FacetName[], wide: boolean) =>
    kdb()
      .selectFrom("models as m")
      .select(["m.id", "m.updatedAt as updated"])
      .select([sql<string>`lower(m."displayName") COLLATE "C"`.as("title"), rank.as("rank")])
      .$if(wide, (qb) => qb.select(facetColumns.map(([column, name]) => column.as(name))))
      .where(sql<boolean>`(m."catalogStatuses" && ${DISCOVERABLE} OR ${own})`)
      // Called directly (not in a subquery) so the planner sees the query and estimates the match count.
      .$if(searching, (qb) => qb.where(sql<boolean>`m."searchVector" @@ to_tsquery('english', ${buildTsquery(words)})`))
      .$call((qb) => applied.reduce((q, f) => q.where(filters[f] ?? sql<boolean>`true`), qb));

  // With words, the text matches' rows are read once: every visible match that fails at most one filter,
  // with how many it fails and which (the rows failing one are what that filter's facet counts besides the
  // matches). Only what the total and the page need is kept of them (a broad word matches most of the
  // catalog); facets read their columns back by id for the few rows they look at — the join is left out of
  // the plan wherever no facet column is read. Without words, `hits` and the rows failing one filter are each
  // a scan of models_catalog_idx.
  const failures = active.map((f) => sql`(NOT ${filters[f]})::int`);
  const base = matches([], false)
    .select(sql<number>`${failures.length ? sql.join(failures, sql` + `) : sql`0`}`.as("fails"))
    .select(
      sql<string>`${
        failures.length
          ? sql`CASE ${sql.join(
              active.map((f) => sql`WHEN NOT ${filters[f]} THEN ${f}`),
              sql` `,
            )} END`
          : sql`NULL`
      }`.as("failed"),
    );
  const withFacets = (where: RawBuilder<unknown>) =>
    sql`SELECT b.*, ${sql.join(facetColumns.map(([column, name]) => sql`${column} AS ${sql.id(name)}`))}
          FROM base b LEFT JOIN models m ON m.id = b.id ${where}`;
  const hits = searching ? withFacets(active.length ? sql`WHERE b.fails = 0` : sql``) : sql`${matches(active, true)}`;
  const failingOnly = (f: FacetName) =>
    searching
      ? withFacets(sql`WHERE b.failed = ${f}`)
      : sql`${matches(
          active.filter((a) => a !== f),
          true,
        ).where(sql<boolean>`NOT ${filters[f]}`)}`;

  const order = ORDER[sort];
  const offset = (query.page - 1) * query.pageSize;
  // Sorted by relevance, a page holds no match ranked below the last one on it: only the matches of the
  // page's tiers are joined to their usage and sorted (the top tier is usually a small part of a broad word).
  const tiers =
    searching && sort === "relevance"
      ? sql`WHERE h.rank >= coalesce((SELECT rank FROM hits ORDER BY rank DESC OFFSET ${offset + query.pageSize - 1} LIMIT 1), 0)`
      : sql``;
  const {
    rows: [answer],
  } = await sql<Answer>`
    WITH ${searching ? sql`base AS MATERIALIZED (${active.length >= 2 ? base.where(sql<boolean>`${sql.join(failures, sql` + `)} <= 1`) : base}),` : sql``}
    hits AS NOT MATERIALIZED (${hits}),
    page AS (
      SELECT h.id, h.rank, h.updated, h.title, coalesce(u.calls, 0)::float8 AS calls30d,
             ${sort === "stars" ? STARS : sql`0`} AS stars, ${sort === "trending" ? TREND : sql`0`}::float8 AS trend
        FROM hits h LEFT JOIN model_usage_30d u ON u."modelId" = h.id ${tiers}
       ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset}
    ),
    size AS (SELECT count(*)::int AS n FROM hits),
    ${facetCounts(active, failingOnly)}
    SELECT (SELECT n FROM size) AS total,
           ${nearSizes(active)} AS near,
           (SELECT json_agg(json_build_object('facet', g.facet, 'value', coalesce(t.slug, g.value), 'label', coalesce(t.name, g.value), 'n', g.n))
              FROM groups g LEFT JOIN teams t ON g.facet = 'team' AND t.id::text = g.value) AS groups,
           (SELECT json_agg(json_build_object('id', id, 'calls30d', calls30d) ORDER BY ${order}) FROM page) AS page,
           (SELECT json_agg(c) FROM (${cardRows(sql<string>`(SELECT id FROM page)`)}) c) AS cards`.execute(kdb());

  const counted = (f: FacetName) => answer.total + (answer.near?.[f] ?? 0) <= FACET_COUNT_LIMIT;
  const facets = groupFacets(answer.groups ?? [], query, counted);
  const items = toCatalogItems(answer.page ?? [], answer.cards ?? [], viewer);
  return {
    items,
    total: answer.total,
    page: query.page,
    pageSize: query.pageSize,
    sort,
    facetsCounted: FACET_NAMES.every(counted),
    facets,
  };
}
