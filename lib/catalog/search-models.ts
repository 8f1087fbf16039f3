import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { expandQueryWords, type ExpandedWord } from "@/lib/catalog/expand-query-words";
import { keepModelUsageFresh } from "@/lib/catalog/model-usage-30d";
import { loadCatalogItems } from "@/lib/catalog/load-catalog-items";
import { buildTsquery } from "@/lib/catalog/search-text";
import { DISCOVERABLE_STATUSES, FACET_NAMES, type CatalogSort, type FacetName, type FacetValue, type SearchModelsQuery, type SearchModelsResult } from "@/lib/catalog/schemas";

/** Who is searching: models of their own teams are visible even as drafts. */
export type CatalogViewer = { teamIds: string[] };

const FACET_LIMIT = 30;
const DISCOVERABLE = Prisma.sql`ARRAY['pending_review','approved','deprecated']::"VersionStatus"[]`;

/**
 * Relevance in tiers that mirror the search document's weights — the whole name typed exactly (3), every
 * word in the name (1), in summary/tags/task (0.4), else the card only (0.1) — by matching the corrected
 * words against the short text columns. ts_rank over each matched row's tsvector was measured to cost
 * more than the rest of the query on broad matches (it decompresses every document).
 */
function relevance(words: ExpandedWord[], qLower: string): Prisma.Sql {
  const all = (column: Prisma.Sql) =>
    Prisma.join(words.map(({ word, corrections }) => Prisma.sql`${column} ~ ${`\\m(${[word, ...corrections].join("|")})`}`), " AND ");
  const name = Prisma.sql`lower(m.name || ' ' || m."displayName")`;
  const middle = Prisma.sql`lower(m.summary || ' ' || array_to_string(m.tags, ' ') || ' ' || m.task)`;
  return Prisma.sql`CASE WHEN lower(m.name) = ${qLower} OR lower(m."displayName") = ${qLower} THEN 3
                         WHEN ${all(name)} THEN 1 WHEN ${all(middle)} THEN 0.4 ELSE 0.1 END`;
}

// One boolean SQL condition per facet over the `base` rows (TRUE when that filter is not set).
function facetConditions(query: SearchModelsQuery): Record<FacetName, Prisma.Sql> {
  const when = (value: string | undefined, sql: (v: string) => Prisma.Sql) => (value === undefined ? Prisma.sql`TRUE` : sql(value));
  return {
    task: when(query.task, (v) => Prisma.sql`base.task = ${v}`),
    framework: when(query.framework, (v) => Prisma.sql`base.framework = ${v}`),
    tag: when(query.tag, (v) => Prisma.sql`base.tags @> ARRAY[${v}]::text[]`),
    team: when(query.team, (v) => Prisma.sql`base."teamId" = (SELECT id FROM teams WHERE slug = ${v})`),
    license: when(query.license, (v) => Prisma.sql`base.license = ${v}`),
    runtime: when(query.runtime, (v) => Prisma.sql`base.runtimes @> ARRAY[${v}]::text[]`),
    visibility: when(query.visibility, (v) => Prisma.sql`base.visibility = ${v}`),
    // Outside their own teams, nobody filters on (or learns about) drafts.
    status: when(query.status, (v) =>
      (DISCOVERABLE_STATUSES as readonly string[]).includes(v) ? Prisma.sql`base.statuses @> ARRAY[${v}]::text[]` : Prisma.sql`base.own AND base.statuses @> ARRAY[${v}]::text[]`),
  };
}

const ORDER: Record<CatalogSort, Prisma.Sql> = {
  relevance: Prisma.sql`rank DESC, calls30d DESC, title, id`,
  most_used: Prisma.sql`calls30d DESC, title, id`,
  updated: Prisma.sql`updated DESC, id`,
  name: Prisma.sql`title, id`,
};

/**
 * Catalog search: full-text over the weighted search document (typos and prefixes corrected through the
 * vocabulary first), filters, facet counts that each respect the other active filters, sorting and
 * pagination — all in one statement over the models the viewer may see: every model with a version in
 * review, approved or deprecated (gated ones too), plus any model of the viewer's own teams.
 */
export async function searchModels(input: { viewer: CatalogViewer; query: SearchModelsQuery }): Promise<SearchModelsResult> {
  const { viewer, query } = input;
  keepModelUsageFresh();
  const words = query.q ? await expandQueryWords(query.q) : [];
  const tsquery = words.length ? buildTsquery(words) : null;
  const sort: CatalogSort = query.sort ?? (tsquery ? "relevance" : "most_used");
  const teams = viewer.teamIds;
  const qLower = (query.q ?? "").trim().toLowerCase();

  const textMatch = tsquery ? Prisma.sql`AND m."searchVector" @@ to_tsquery('english', ${tsquery})` : Prisma.empty;
  const rank = tsquery ? relevance(words, qLower) : Prisma.sql`0`;
  const cond = facetConditions(query);
  const allBut = (skip: FacetName | null) => Prisma.join(FACET_NAMES.filter((f) => f !== skip).map((f) => cond[f]), " AND ");
  const offset = (query.page - 1) * query.pageSize;
  // Each facet ignores only its own filter, so a row failing two or more active filters counts nowhere:
  // dropping it early keeps the materialised set small when several filters are on.
  const active = FACET_NAMES.filter((f) => query[f] !== undefined);
  const nearMatch = active.length >= 2 ? Prisma.sql`(${Prisma.join(active.map((f) => Prisma.sql`coalesce((${cond[f]})::int, 0)`), " + ")}) >= ${active.length - 1}` : Prisma.sql`TRUE`;

  const [row] = await db.$queryRaw<{ facets: { facet: FacetName; value: string; label: string; count: number }[]; page: { id: string; calls30d: number }[] }[]>`
    WITH base AS MATERIALIZED (
      SELECT * FROM (
        SELECT m.id, m."teamId", m.task, m.framework, m.tags, m.license, m.visibility::text AS visibility,
               m."catalogRuntimes"::text[] AS runtimes, m."updatedAt" AS updated, lower(m."displayName") AS title, ${rank} AS rank,
               m."catalogStatuses"::text[] AS statuses, m."teamId" = ANY(${teams}::uuid[]) AS own
          FROM models m
         WHERE (m."catalogStatuses" && ${DISCOVERABLE} OR m."teamId" = ANY(${teams}::uuid[])) ${textMatch}
      ) base
      WHERE ${nearMatch}
    ),
    facets AS (
      SELECT 'task' AS facet, task AS value, task AS label, count(*)::int AS count FROM base WHERE ${allBut("task")} GROUP BY task
      UNION ALL SELECT 'framework', framework, framework, count(*)::int FROM base WHERE ${allBut("framework")} GROUP BY framework
      UNION ALL SELECT 'tag', t, t, count(*)::int FROM base, unnest(tags) t WHERE ${allBut("tag")} GROUP BY t
      UNION ALL SELECT 'team', tm.slug, tm.name, count(*)::int FROM base JOIN teams tm ON tm.id = base."teamId" WHERE ${allBut("team")} GROUP BY tm.slug, tm.name
      UNION ALL SELECT 'license', license, license, count(*)::int FROM base WHERE license IS NOT NULL AND ${allBut("license")} GROUP BY license
      UNION ALL SELECT 'runtime', r, r, count(*)::int FROM base, unnest(runtimes) r WHERE ${allBut("runtime")} GROUP BY r
      UNION ALL SELECT 'visibility', visibility, visibility, count(*)::int FROM base WHERE ${allBut("visibility")} GROUP BY visibility
      UNION ALL SELECT 'status', s, s, count(*)::int FROM base, unnest(statuses) s
                 WHERE (base.own OR s IN ('pending_review', 'approved', 'deprecated')) AND ${allBut("status")} GROUP BY s
    ),
    page AS (
      SELECT base.id, base.rank, coalesce(u.calls, 0)::float8 AS calls30d, base.updated, base.title
        FROM base LEFT JOIN model_usage_30d u ON u."modelId" = base.id
       WHERE ${allBut(null)}
       ORDER BY ${ORDER[sort]}
       LIMIT ${query.pageSize} OFFSET ${offset}
    )
    SELECT (SELECT coalesce(json_agg(facets), '[]') FROM facets) AS facets,
           (SELECT coalesce(json_agg(json_build_object('id', id, 'calls30d', calls30d) ORDER BY ${ORDER[sort]}), '[]') FROM page) AS page`;

  const facets = groupFacets(row.facets, query);
  const taskCounts = row.facets.filter((f) => f.facet === "task" && (query.task === undefined || f.value === query.task));
  const total = taskCounts.reduce((sum, f) => sum + f.count, 0);
  const items = await loadCatalogItems(row.page, viewer);
  return { items, total, page: query.page, pageSize: query.pageSize, sort, facets };
}

function groupFacets(rows: { facet: FacetName; value: string; label: string; count: number }[], query: SearchModelsQuery) {
  const facets = Object.fromEntries(FACET_NAMES.map((f) => [f, [] as FacetValue[]])) as Record<FacetName, FacetValue[]>;
  for (const r of rows) facets[r.facet].push({ value: r.value, label: r.label, count: r.count });
  for (const name of FACET_NAMES) {
    const selected = query[name];
    const sorted = facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const top = sorted.slice(0, FACET_LIMIT);
    // The active value always stays listed, so the filter can be seen and cleared.
    const active = sorted.find((f) => f.value === selected);
    facets[name] = active && !top.includes(active) ? [...top, active] : top;
  }
  return facets;
}
