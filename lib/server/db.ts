import { PrismaPg } from "@prisma/adapter-pg";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { env } from "@/lib/server/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DB } from "@/lib/generated/kysely/types";
import { evictTables } from "@/lib/server/lookup-cache";
import { log } from "@/lib/server/log";
import { gaugeAtScrape } from "@/lib/server/metrics";

// The one connection pool of a process. The Prisma client (through its pg adapter) and Kysely — for the
// SQL Prisma cannot express: aggregates, CTEs, arrays — share it, as documenso and cal.com do.

export type Database = DB;
export type Kdb = Kysely<DB>;

/** A Prisma client on the pg driver adapter (no native engine) with a pool of its own: scripts and tests. */
export function createPrismaClient(connectionString: string, max = 10) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

export type Db = ReturnType<typeof createPrismaClient>;

type Connections = { pool: pg.Pool; prisma: PrismaClient; kysely: Kdb };

// `next dev` re-evaluates modules on every reload; without this holder each reload would open another pool.
// This is the one place the portal keeps state on globalThis. By URL: a module graph loaded for another
// database (a test's fresh graph after vi.resetModules) gets connections of its own.
const holder = globalThis as unknown as { __modelportConnections?: Map<string, Connections> };

/** Opens a pool on `connectionString` with a Prisma client and a Kysely instance on it (scripts, tests). */
export function openConnections(connectionString: string, max = 10): Connections {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", (error) => log().warn({ err: error }, "idle database connection error"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { pool, prisma, kysely };
}

/** The process's connections, opened on first use (so `next build` needs no database). */
export function connections(): Connections {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const all = (holder.__modelportConnections ??= new Map());
  let current = all.get(DATABASE_URL);
  if (!current) {
    all.set(DATABASE_URL, (current = openConnections(DATABASE_URL, DATABASE_POOL_SIZE)));
    observePool(current.pool, DATABASE_POOL_SIZE);
  }
  return current;
}

/** The process's pool in /metrics, read at scrape time. */
function observePool(p: pg.Pool, max: number) {
  gaugeAtScrape(
    "modelport_db_pool_connections",
    "Connections of this process's database pool, by state (idle, in_use).",
    () => [
      { labels: { state: "idle" }, value: p.idleCount },
      { labels: { state: "in_use" }, value: p.totalCount - p.idleCount },
    ],
    ["state"],
  );
  gaugeAtScrape("modelport_db_pool_waiting", "Queries waiting for a connection of this process's pool.", () => p.waitingCount);
  gaugeAtScrape("modelport_db_pool_max", "The size limit of this process's pool (DATABASE_POOL_SIZE).", () => max);
}

/** The process's pg pool (for LISTEN connections and plain parameterised statements on the hot path). */
export const pool = (): pg.Pool => connections().pool;

/** Kysely on the process's pool: typed SQL for what Prisma cannot express. */
export const kdb = (): Kdb => connections().kysely;

// Prisma model → table, for the tables the migrations put a `modelport_cache` NOTIFY trigger on.
const NOTIFYING_TABLES: Record<string, string> = {
  ApiKey: "api_keys",
  App: "apps",
  Model: "models",
  ModelVersion: "model_versions",
  Team: "teams",
  AccessGrant: "access_grants",
  EgressRule: "egress_rules",
  HardwareRate: "hardware_rates",
  User: "users",
  TeamMember: "team_members",
  Budget: "budgets",
  ModelShadow: "model_shadows",
  ModelCanary: "model_canaries",
};
const WRITES = /^(create|update|upsert|delete)/;

/**
 * Writes through this client evict the lookup caches in this process as soon as the statement ran (so the
 * very next call after a revoke, a status change or a grant sees it); other processes hear of the commit
 * through NOTIFY (lib/server/lookup-cache.ts). A query-only extension: the client's API and types are
 * unchanged, hence the cast back to Db.
 */
function withCacheEviction(client: Db): Db {
  return client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const result = await query(args);
          const table = NOTIFYING_TABLES[model];
          if (table && WRITES.test(operation)) evictTables([table]);
          return result;
        },
      },
    },
  }) as unknown as Db;
}

let extended: Db | undefined;
function client(): Db {
  extended ??= withCacheEviction(connections().prisma);
  return extended;
}

/** The one Prisma client of the process, on the process's pool, created on first use. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const value = Reflect.get(client(), property) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client()) : value;
  },
});
