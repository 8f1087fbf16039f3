import "server-only";
import { sql, type RawBuilder } from "kysely";
import {
  DISCOVERABLE_STATUSES,
  FACET_COUNT_LIMIT,
  FACET_NAMES,
  type FacetName,
  type FacetValue,
  type SearchModelsQuery,
} from "@/lib/catalog/schemas";

/** A facet value counted over the matches or over the rows failing only that facet's filter. */
export type FacetGroup = { facet: FacetName; value: string; label: string; n: number };

const FACET_LIMIT = 30;
/** Matches whose facet values are listed (without counts) when there are too many to count. */
const FACET_SAMPLE = 500;
export const DISCOVERABLE = sql`${[...DISCOVERABLE_STATUSES]}::"VersionStatus"[]`;

// How one facet's values are counted over rows `r` failing only that facet's filter (arrays: each element
// once; statuses other than review, approved and deprecated only on the viewer's own models).
const NEAR_COUNTS: Record<FacetName, { value: RawBuilder<unknown>; from?: RawBuilder<unknown>; where?: RawBuilder<unknown> }> = {
  task: { value: sql`r.task` },
  framework: { value: sql`r.framework` },
  tag: { value: sql`t.v`, from: sql`unnest(r.tags) WITH ORDINALITY t(v, i)`, where: sql`array_position(r.tags, t.v) = t.i` },
  team: { value: sql`r."teamId"::text` },
  license: { value: sql`r.license`, where: sql`r.license IS NOT NULL` },
  runtime: { value: sql`t.v::text`, from: sql`unnest(r.runtimes) t(v)` },
  visibility: { value: sql`r.visibility::text` },
  health: { value: sql`r.health::text` },
  status: { value: sql`t.v::text`, from: sql`unnest(r.statuses) t(v)`, where: sql`(r.own OR t.v = ANY(${DISCOVERABLE}))` },
};

const near = (f: FacetName) => sql.id(`near_${f}`);

/**
 * The common table expressions that count facets, for a statement that defines `hits` (the matches, with
 * task, framework, license, teamId, visibility, tags, runtimes, statuses and own) and `size` (n: how many).
 * With at most FACET_COUNT_LIMIT matches they are all counted (scalar facets and whole arrays in one pass of
 * grouping sets), else the values of the first FACET_SAMPLE are listed; for each active filter, also the
 * first rows failing only that filter (`failingOnly`), up to what the matches leave of the limit, so that
 * filter's facet can offer the other values and is counted exactly when its rows stayed within the limit.
 * Defines `groups` (facet, value, n) and `near_<facet>`.
 */
export function facetCounts(active: FacetName[], failingOnly: (f: FacetName) => RawBuilder<unknown>): RawBuilder<unknown> {
  const nearRows = active.map(
    (f) => sql`${near(f)} AS (SELECT x.* FROM (${failingOnly(f)}) x
                LIMIT (SELECT CASE WHEN n <= ${FACET_COUNT_LIMIT} THEN ${FACET_COUNT_LIMIT + 1} - n ELSE 0 END FROM size)),`,
  );
  const nearCounts = active.map((f) => {
    const { value, from, where } = NEAR_COUNTS[f];
    return sql`UNION ALL (SELECT ${f} AS facet, ${value} AS value, count(*)::int AS n FROM ${near(f)} r ${from ? sql`, ${from}` : sql``}
                           ${where ? sql`WHERE ${where}` : sql``} GROUP BY ${value})`;
  });
  return sql`
    sample AS (SELECT * FROM hits LIMIT (SELECT CASE WHEN n <= ${FACET_COUNT_LIMIT} THEN n ELSE ${FACET_SAMPLE} END FROM size)),
    ${nearRows.length ? sql.join(nearRows, sql` `) : sql``}
    sets AS (
      SELECT CASE WHEN GROUPING(task) = 0 THEN 'task' WHEN GROUPING(framework) = 0 THEN 'framework' WHEN GROUPING(license) = 0 THEN 'license'
                  WHEN GROUPING("teamId") = 0 THEN 'team' WHEN GROUPING(visibility) = 0 THEN 'visibility' WHEN GROUPING(health) = 0 THEN 'health' WHEN GROUPING(tags) = 0 THEN 'tag'
                  WHEN GROUPING(runtimes) = 0 THEN 'runtime' ELSE 'status' END AS facet,
             coalesce(task, framework, license, "teamId"::text, visibility::text, health::text) AS value, tags, runtimes, statuses, own, count(*)::int AS n
        FROM sample GROUP BY GROUPING SETS ((task), (framework), (license), ("teamId"), (visibility), (health), (tags), (runtimes), (statuses, own))
    ),
    groups AS (
                SELECT facet, value, n FROM sets WHERE facet NOT IN ('tag', 'runtime', 'status') AND value IS NOT NULL
      UNION ALL SELECT 'tag', t.v, sum(n)::int FROM sets, unnest(tags) WITH ORDINALITY t(v, i)
                 WHERE facet = 'tag' AND array_position(tags, t.v) = t.i GROUP BY t.v
      UNION ALL SELECT 'runtime', r::text, sum(n)::int FROM sets, unnest(runtimes) r WHERE facet = 'runtime' GROUP BY r
      UNION ALL SELECT 'status', s::text, sum(n)::int FROM sets, unnest(statuses) s WHERE facet = 'status' AND (own OR s = ANY(${DISCOVERABLE})) GROUP BY s
      ${nearCounts.length ? sql.join(nearCounts, sql` `) : sql``}
    )`;
}

/** JSON of how many rows each active filter's facet read besides the matches (facet → n), or NULL. */
export function nearSizes(active: FacetName[]): RawBuilder<unknown> {
  if (active.length === 0) return sql`NULL`;
  const sizes = active.map((f) => sql`SELECT ${f} AS facet, count(*) AS n FROM ${near(f)}`);
  return sql`(SELECT json_object_agg(facet, n) FROM (${sql.join(sizes, sql` UNION ALL `)}) s)`;
}

/**
 * The API's facets from the counted groups: per facet its most frequent values (the active one always
 * listed, so the filter can be seen and cleared), with counts where `counted` says the facet was counted.
 */
export function groupFacets(groups: FacetGroup[], query: SearchModelsQuery, counted: (f: FacetName) => boolean) {
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
      const active = sorted.find((f) => f.value === query[name]);
      const listed = active && !top.includes(active) ? [...top, active] : top;
      return [name, listed.map((f): FacetValue => ({ value: f.value, label: f.label, count: counted(name) ? f.n : null }))];
    }),
  ) as Record<FacetName, FacetValue[]>;
}
