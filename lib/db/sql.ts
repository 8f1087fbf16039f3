import "server-only";
import type pg from "pg";
import { pool } from "@/lib/server/db";

/**
 * The process's pg pool, for the few plain parameterised queries on the gateway's hot path (API key and
 * model/version lookups). Everything else uses the Prisma client (`lib/db.ts`) or Kysely (`kdb()`).
 */
export function sql(): pg.Pool {
  return pool();
}
