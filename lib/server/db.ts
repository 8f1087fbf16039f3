import { PrismaPg } from "@prisma/adapter-pg";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DB } from "@/lib/generated/kysely/types";

// The one connection pool of a process. The Prisma client (through its pg adapter) and Kysely — for the
// SQL Prisma cannot express: aggregates, CTEs, arrays — share it, as documenso and cal.com do.

export type Database = DB;
export type Kdb = Kysely<DB>;

type Connections = { pool: pg.Pool; prisma: PrismaClient; kysely: Kdb };

// `next dev` re-evaluates modules on every reload; without this holder each reload would open another pool.
// This is the one place the portal keeps state on globalThis.
const holder = globalThis as unknown as { __modelportConnections?: Connections };

/** Opens a pool on `connectionString` with a Prisma client and a Kysely instance on it (scripts, tests). */
export function openConnections(connectionString: string, max = 10): Connections {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { pool, prisma, kysely };
}

/** The process's connections, opened on first use (so `next build` needs no database). */
export function connections(): Connections {
  holder.__modelportConnections ??= openConnections(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
  return holder.__modelportConnections;
}

/** The process's pg pool (for LISTEN connections and plain parameterised statements on the hot path). */
export const pool = (): pg.Pool => connections().pool;

/** Kysely on the process's pool: typed SQL for what Prisma cannot express. */
export const kdb = (): Kdb => connections().kysely;
