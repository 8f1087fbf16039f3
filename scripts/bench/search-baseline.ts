// The naive baseline: the same answer shape (visibility rule, filters, facet counts, total, one sorted
// page) but matching words with ILIKE '%word%' over name, display name, summary, tags, task and card —
// what a catalog without a search index would do. No typo tolerance. It reads the same denormalised
// version columns as the real search, so the difference measured is the text matching alone.
import type pg from "pg";

const FACETS = {
  task: (p: string) => `b.task = ${p}`,
  framework: (p: string) => `b.framework = ${p}`,
  tag: (p: string) => `${p} = ANY(b.tags)`,
  team: (p: string) => `b."teamId" = (SELECT id FROM teams WHERE slug = ${p})`,
  license: (p: string) => `b.license = ${p}`,
  runtime: (p: string) => `${p} = ANY(b.runtimes)`,
  visibility: (p: string) => `b.visibility = ${p}`,
  status: (p: string) => `${p} = ANY(b.statuses)`,
} as const;
type Facet = keyof typeof FACETS;
const GROUP: Record<Facet, string> = {
  task: "b.task", framework: "b.framework", tag: "unnest(b.tags)", team: "b.\"teamId\"::text", license: "b.license",
  runtime: "unnest(b.runtimes)", visibility: "b.visibility", status: "unnest(b.statuses)",
};

export async function naiveSearch(client: pg.Client, params: Record<string, string>, teamIds: string[]): Promise<number> {
  const values: unknown[] = [teamIds];
  const param = (v: unknown) => `$${values.push(v)}`;
  const words = (params.q ?? "").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const text = words.map((w) => {
    const p = param(`%${w}%`);
    return `AND (m.name ILIKE ${p} OR m."displayName" ILIKE ${p} OR m.summary ILIKE ${p} OR m.card ILIKE ${p} OR array_to_string(m.tags, ' ') ILIKE ${p} OR m.task ILIKE ${p})`;
  }).join(" ");
  const cond = Object.fromEntries((Object.keys(FACETS) as Facet[]).map((f) => [f, params[f] ? FACETS[f](param(params[f])) : "TRUE"])) as Record<Facet, string>;
  const allBut = (skip: Facet | null) => (Object.keys(cond) as Facet[]).filter((f) => f !== skip).map((f) => cond[f]).join(" AND ");
  const sort = params.sort ?? (words.length ? "relevance" : "most_used");
  const order = sort === "updated" ? `m."updatedAt" DESC` : sort === "name" ? `m."displayName"` : sort === "most_used" ? `coalesce(u.calls, 0) DESC` : `(m.name ILIKE ${param(`%${params.q ?? ""}%`)}) DESC, m."displayName"`;
  const pageSize = Number(params.pageSize ?? 20);
  const offset = (Number(params.page ?? 1) - 1) * pageSize;
  const facetSql = (Object.keys(FACETS) as Facet[])
    .map((f) => `SELECT '${f}' AS facet, v AS value, count(*) AS n FROM (SELECT ${GROUP[f]} AS v, b.* FROM base b) b WHERE ${allBut(f)} GROUP BY v`)
    .join(" UNION ALL ");
  const sql = `
    WITH base AS MATERIALIZED (
      SELECT m.id, m."teamId", m.task, m.framework, m.tags, m.license, m.visibility::text AS visibility,
             m."catalogRuntimes"::text[] AS runtimes,
             CASE WHEN m."teamId" = ANY($1::uuid[]) THEN m."catalogStatuses"::text[]
                  ELSE ARRAY(SELECT s::text FROM unnest(m."catalogStatuses") s WHERE s IN ('pending_review','approved','deprecated')) END AS statuses
        FROM models m
       WHERE (m."catalogStatuses" && ARRAY['pending_review','approved','deprecated']::"VersionStatus"[] OR m."teamId" = ANY($1::uuid[])) ${text}
    )
    SELECT (SELECT json_agg(f) FROM (${facetSql}) f) AS facets,
           (SELECT json_agg(p) FROM (SELECT m.id FROM base b JOIN models m ON m.id = b.id LEFT JOIN model_usage_30d u ON u."modelId" = m.id
                                      WHERE ${allBut(null)} ORDER BY ${order}, m.id LIMIT ${pageSize} OFFSET ${offset}) p) AS page,
           (SELECT count(*) FROM base b WHERE ${allBut(null)})::int AS total`;
  const { rows } = await client.query<{ total: number }>(sql, values);
  return rows[0].total;
}
