// npm run bench:search — catalog search on 100,000 generated models in a throwaway embedded Postgres:
// 200 varied queries through the real GET /api/v1/models handler (API key auth, zod parsing, search,
// facets, JSON), then the same queries answered by a naive ILIKE query of the same shape. Prints p50/p95.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { generateApiKey } from "@/lib/auth/api-keys";
import { generateCatalog, MODEL_COUNT } from "./search-data";
import { benchQueries, type BenchQuery } from "./search-queries";
import { naiveSearch } from "./search-baseline";

const log = (s: string) => console.log(`[bench:search] ${s}`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  // BENCH_SEARCH_KEEP=<folder> keeps the generated cluster there and reuses it on the next run.
  const keep = process.env.BENCH_SEARCH_KEEP;
  const dir = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), "modelport-bench-search-"));
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: Boolean(keep) });
  try {
    const admin = new pg.Client({ connectionString: pgServer.urlFor("postgres") });
    await admin.connect();
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)).rowCount === 1;
    await admin.end();
    if (!exists) await pgServer.createDatabase("bench");
    const url = pgServer.urlFor("bench");
    await migrateDatabase(url);
    const client = new pg.Client({ connectionString: url });
    client.on("error", (error) => log(`database connection: ${error.message}`));
    await client.connect();
    if ((await client.query(`SELECT 1 FROM models LIMIT 1`)).rowCount === 0) {
      const started = performance.now();
      await generateCatalog(client, (s) => log(`generating ${s}…`));
      log(`generated ${MODEL_COUNT.toLocaleString("en-US")} models in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    await client.query(`DELETE FROM api_keys; DELETE FROM apps`);

    // A consumer key of team-1 (so that team's drafts are in scope too, as for a real caller).
    const key = generateApiKey();
    const { rows: [team] } = await client.query<{ id: string }>(`SELECT id FROM teams WHERE slug = 'team-1'`);
    // A key acts for the person who created it: a consumer member of team-1.
    const { rows: [creator] } = await client.query<{ id: string }>(`INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), 'bench-' || gen_random_uuid() || '@bench.local', 'Bench', 'consumer') RETURNING id`);
    await client.query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [creator.id, team.id]);
    const { rows: [app] } = await client.query<{ id: string }>(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), 'bench', $1, $2) RETURNING id`, [team.id, creator.id]);
    await client.query(`INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'bench', $2, $3, '{invoke}', $4)`, [app.id, key.prefix, key.hash, creator.id]);

    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_SIZE = "4";
    const { GET } = await import("@/app/api/v1/models/route");
    const { NextRequest } = await import("next/server");
    const queries = benchQueries();
    // The first search loads the in-process catalog index (again after any catalog change): time that once.
    const t0 = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const { getCatalogIndex } = await import("@/lib/catalog/catalog-index");
    const index = await getCatalogIndex();
    log(`loaded the catalog index (${index.size.toLocaleString("en-US")} models) in ${(performance.now() - t0).toFixed(0)} ms, heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MB`);
    const callRoute = async (q: BenchQuery) => {
      const res = await GET(new NextRequest(`http://bench/api/v1/models?${new URLSearchParams(q.params)}`, { headers: { authorization: `Bearer ${key.secret}` } }), { params: Promise.resolve({}) });
      if (res.status !== 200) throw new Error(`${res.status} for ${JSON.stringify(q.params)}: ${await res.text()}`);
      return ((await res.json()) as { total: number }).total;
    };
    const callBaseline = (q: BenchQuery) => naiveSearch(client, q.params, [team.id]);

    const time = async (run: (q: BenchQuery) => Promise<number>) => {
      for (const q of queries.slice(0, 20)) await run(q); // warm caches and connections
      const samples: { kind: string; ms: number; total: number; query: string }[] = [];
      for (const q of queries) {
        const t0 = performance.now();
        const total = await run(q);
        samples.push({ kind: q.kind, ms: performance.now() - t0, total, query: new URLSearchParams(q.params).toString() });
      }
      return samples;
    };
    log(`load average before timing: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    log(`timing ${queries.length} queries through GET /api/v1/models…`);
    const ours = await time(callRoute);
    // BENCH_SEARCH_SKIP_BASELINE=1 (while tuning) leaves the baseline out; recorded figures always include it.
    const skipBaseline = process.env.BENCH_SEARCH_SKIP_BASELINE === "1";
    if (!skipBaseline) log(`timing the same ${queries.length} queries with the naive ILIKE baseline…`);
    const naive = skipBaseline ? ours.map((o) => ({ ...o, ms: Number.NaN })) : await time(callBaseline);

    // A catalog change costs the next search a patch of the changed models only: time edits and status
    // changes (which hide the model from outsiders) the way a search meets them. Timed last: the baseline
    // answers the same data, and the heap has settled (right after the full load, a patch may meet the
    // collection of the load's garbage).
    const timeChange = async (pick: string, change: string) => {
      const { rows: [m] } = await client.query<{ id: string }>(`SELECT id FROM models WHERE ${pick} ORDER BY random() LIMIT 1`);
      await client.query(change, [m.id]);
      const started = performance.now();
      await getCatalogIndex();
      return performance.now() - started;
    };
    const edits: number[] = [];
    for (let i = 0; i < 7; i++) edits.push(await timeChange("true", `UPDATE models SET summary = summary || ' Edited.', "updatedAt" = now() WHERE id = $1`));
    const hides: number[] = [];
    for (let i = 0; i < 3; i++) {
      hides.push(await timeChange(`'pending_review' = ANY("catalogStatuses") AND NOT "catalogStatuses" && ARRAY['approved', 'deprecated']::"VersionStatus"[]`,
        `UPDATE model_versions SET status = 'rejected' WHERE "modelId" = $1 AND status = 'pending_review'`));
    }
    const list = (xs: number[]) => `${xs.map((x) => x.toFixed(0)).join(", ")} ms (median ${[...xs].sort((x, y) => x - y)[xs.length >> 1].toFixed(0)} ms)`;
    log(`incremental reload after one model edited: ${list(edits)}`);
    log(`incremental reload after one model hidden (its version in review rejected): ${list(hides)}`);
    const summary = (s: { ms: number }[]) => {
      const sorted = s.map((x) => x.ms).sort((a, b) => a - b);
      return { p50: pct(sorted, 0.5), p95: pct(sorted, 0.95), max: sorted[sorted.length - 1] };
    };
    const a = summary(ours);
    const b = summary(naive);
    console.log("");
    console.log(`models: ${MODEL_COUNT.toLocaleString("en-US")}   queries: ${queries.length}   machine: ${os.cpus().length} cores   load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(`${"".padEnd(30)}${"p50".padStart(10)}${"p95".padStart(10)}${"max".padStart(10)}`);
    console.log(`${"GET /api/v1/models (FTS)".padEnd(30)}${fmt(a.p50).padStart(10)}${fmt(a.p95).padStart(10)}${fmt(a.max).padStart(10)}`);
    console.log(`${"naive ILIKE baseline".padEnd(30)}${fmt(b.p50).padStart(10)}${fmt(b.p95).padStart(10)}${fmt(b.max).padStart(10)}`);
    console.log(`${"speed-up (baseline / ours)".padEnd(30)}${`${(b.p50 / a.p50).toFixed(1)}x`.padStart(10)}${`${(b.p95 / a.p95).toFixed(1)}x`.padStart(10)}`);
    console.log("");
    console.log("slowest five (ours):");
    for (const s of [...ours].sort((x, y) => y.ms - x.ms).slice(0, 5)) console.log(`  ${fmt(s.ms).padStart(10)}  ${s.kind.padEnd(16)} ${s.query}  hits ${s.total}`);
    console.log("per kind (ours p95 / baseline p95, mean hits ours / baseline):");
    for (const kind of [...new Set(queries.map((q) => q.kind))]) {
      const o = ours.filter((s) => s.kind === kind);
      const n = naive.filter((s) => s.kind === kind);
      const mean = (s: { total: number }[]) => Math.round(s.reduce((x, y) => x + y.total, 0) / s.length);
      console.log(`  ${kind.padEnd(16)} n=${String(o.length).padStart(3)}  ${fmt(summary(o).p95).padStart(9)} / ${fmt(summary(n).p95).padStart(9)}   hits ${mean(o)} / ${mean(n)}`);
    }
    await client.end();
    await (await import("@/lib/db")).db.$disconnect();
  } finally {
    await pgServer.stop().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
