import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

const holder = globalThis as unknown as { __modelportSql?: pg.Pool };

/**
 * A plain `pg` pool for the few queries on the gateway's hot path (API key and model/version lookups):
 * the ORM costs a few ms of CPU per query there, a plain parameterised query a fraction of that.
 * Everything else uses the Prisma client (`lib/db.ts`).
 */
export function sql(): pg.Pool {
  if (!holder.__modelportSql) {
    holder.__modelportSql = new pg.Pool({ connectionString: env().DATABASE_URL, max: 10 });
    holder.__modelportSql.on("error", (error) => console.error("[sql] idle connection error", error.message));
  }
  return holder.__modelportSql;
}
