// npm run bench:search — catalog search through the real GET /api/v1/models handler (API key auth, zod
// parsing, search, facets, cards, JSON) at 10,000 and 100,000 generated models, each in its own database
// of one throwaway embedded PostgreSQL. Prints p50/p95 per query class and size, of the wall time and of
// the CPU time a search costs (its PostgreSQL backend plus the Node process: on a machine shared with
// other work, the wall time includes waiting for a core; the CPU time is what an idle machine would take).
// BENCH_SEARCH_KEEP=<folder> keeps the cluster there and reuses its catalogs; BENCH_SEARCH_SIZES=10000 runs
// one size.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { generateApiKey } from "@/lib/auth/api-keys";
import { freePort, startEmbeddedPostgres } from "@/lib/server/embedded-postgres";
import { migrateDatabase } from "@/lib/server/migrate";
import { generateCatalog } from "./search-data";
import { benchQueries, type BenchQuery } from "./search-queries";

const log = (s: string) => console.log(`[bench:search] ${s}`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

const MARK = "bench:search samples ";
type Sample = { kind: string; ms: number; cpu: number; total: number; counted: boolean; query: string };

/** CPU time a process has run, in ms (Linux: /proc/<pid>/schedstat, nanoseconds). */
const runMs = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;

/** Child process: one size's database in DATABASE_URL (the portal's pool is per process). Prints its samples. */
async function timeRoute(secret: string): Promise<Sample[]> {
  const { GET } = await import("@/app/api/v1/models/route");
  const { NextRequest } = await import("next/server");
  const call = async (q: BenchQuery) => {
    const res = await GET(
      new NextRequest(`http://bench/api/v1/models?${new URLSearchParams(q.params)}`, { headers: { authorization: `Bearer ${secret}` } }),
      { params: Promise.resolve({}) },
    );
    if (res.status !== 200) throw new Error(`${res.status} for ${JSON.stringify(q.params)}: ${await res.text()}`);
    return (await res.json()) as { total: number; facetsCounted?: boolean };
  };
  const queries = benchQueries();
  for (const q of queries.slice(0, 30)) await call(q); // warm caches and connections
  // The pool has one connection (DATABASE_POOL_SIZE=1): its backend does all of a search's SQL.
  const { sql } = await import("kysely");
  const { kdb } = await import("@/lib/server/db");
  const {
    rows: [{ pid }],
  } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(kdb());
  const samples: Sample[] = [];
  for (const q of queries) {
    const [t0, pg0, node0] = [performance.now(), runMs(pid), process.cpuUsage()];
    const body = await call(q);
    const node = process.cpuUsage(node0);
    const cpu = runMs(pid) - pg0 + (node.user + node.system) / 1000;
    samples.push({
      kind: q.kind,
      ms: performance.now() - t0,
      cpu,
      total: body.total,
      counted: body.facetsCounted ?? true,
      query: new URLSearchParams(q.params).toString(),
    });
  }
  return samples;
}

/** Creates (first time: generates) the database of one size and a consumer key of team-1 (its drafts are in scope). */
async function prepare(server: { urlFor: (db: string) => string; createDatabase: (db: string) => Promise<void> }, size: number) {
  const name = `bench_${size}`;
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  await admin.end();
  if (!exists) await server.createDatabase(name);
  const url = server.urlFor(name);
  await migrateDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if ((await client.query(`SELECT 1 FROM models LIMIT 1`)).rowCount === 0) {
      const started = performance.now();
      await generateCatalog(client, size, (s) => log(`${size}: generating ${s}…`));
      log(`${size}: generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    await client.query(`DELETE FROM api_keys; DELETE FROM apps`);
    const key = generateApiKey();
    const {
      rows: [team],
    } = await client.query<{ id: string }>(`SELECT id FROM teams WHERE slug = 'team-1'`);
    // A key acts for the person who created it: a consumer member of team-1.
    const {
      rows: [creator],
    } = await client.query<{ id: string }>(
      `INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), 'bench-' || gen_random_uuid() || '@bench.local', 'Bench', 'consumer') RETURNING id`,
    );
    await client.query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [creator.id, team.id]);
    const {
      rows: [app],
    } = await client.query<{ id: string }>(
      `INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), 'bench', $1, $2) RETURNING id`,
      [team.id, creator.id],
    );
    await client.query(
      `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'bench', $2, $3, '{invoke}', $4)`,
      [app.id, key.prefix, key.hash, creator.id],
    );
    await client.query(`VACUUM ANALYZE`);
    return { url, secret: key.secret };
  } finally {
    await client.end();
  }
}

function runChild(url: string, secret: string): Promise<Sample[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]], {
      env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: "1", BENCH_SEARCH_SECRET: secret },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    const result = () =>
      JSON.parse(
        out
          .split("\n")
          .find((l) => l.startsWith(MARK))
          ?.slice(MARK.length) ?? "[]",
      ) as Sample[];
    child.on("exit", (code) => (code === 0 ? resolve(result()) : reject(new Error(`timing process exited with ${code}`))));
  });
}

function report(size: number, samples: Sample[]) {
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: pct(sorted, 0.5), p95: pct(sorted, 0.95), max: sorted[sorted.length - 1] };
  };
  console.log("");
  console.log(
    `${size.toLocaleString("en-US")} models, ${samples.length} queries, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const head = ["wall p50", "p95", "max", "CPU p50", "p95"].map((h) => h.padStart(10)).join("");
  console.log(`  ${"class".padEnd(16)}${"n".padStart(4)}${head}${"mean hits".padStart(11)}${"counted".padStart(9)}`);
  for (const kind of [...new Set(samples.map((s) => s.kind)), "all"]) {
    const s = kind === "all" ? samples : samples.filter((x) => x.kind === kind);
    const wall = summary(s.map((x) => x.ms));
    const cpu = summary(s.map((x) => x.cpu));
    const figures = [wall.p50, wall.p95, wall.max, cpu.p50, cpu.p95].map((f) => ms(f).padStart(10)).join("");
    const hits = Math.round(s.reduce((a, x) => a + x.total, 0) / s.length);
    const counted = `${Math.round((100 * s.filter((x) => x.counted).length) / s.length)} %`;
    console.log(`  ${kind.padEnd(16)}${String(s.length).padStart(4)}${figures}${String(hits).padStart(11)}${counted.padStart(9)}`);
  }
  console.log("  slowest:");
  for (const s of [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5))
    console.log(`  ${ms(s.ms).padStart(10)}  ${s.kind.padEnd(16)} ${s.query}  (${s.total} hits)`);
}

async function main() {
  const sizes = (process.env.BENCH_SEARCH_SIZES ?? "10000,100000").split(",").map(Number);
  const keep = process.env.BENCH_SEARCH_KEEP;
  const dir = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), "modelport-bench-search-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: Boolean(keep) });
  try {
    const results: [number, Sample[]][] = [];
    for (const size of sizes) {
      const { url, secret } = await prepare(server, size);
      log(`${size}: timing ${benchQueries().length} queries through GET /api/v1/models (load average ${os.loadavg()[0].toFixed(2)})…`);
      results.push([size, await runChild(url, secret)]);
    }
    for (const [size, samples] of results) report(size, samples);
  } finally {
    await server.stop().catch(() => {});
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const secret = process.env.BENCH_SEARCH_SECRET;
(secret ? timeRoute(secret).then((samples) => console.log(`${MARK}${JSON.stringify(samples)}`)) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
