import "server-only";
import pg from "pg";

const pools: Map<string, pg.Pool> = ((globalThis as { __modelportCatalogPools?: Map<string, pg.Pool> }).__modelportCatalogPools ??= new Map());

/**
 * A small plain `pg` pool for catalog search's per-query round trips (the ORM costs a few ms of CPU per
 * query, a plain parameterised query a fraction of that). Per database URL, like the catalog index, so a
 * process (or a test file) that switches DATABASE_URL never queries the other database.
 */
export function catalogSql(): pg.Pool {
  const url = process.env.DATABASE_URL ?? "";
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", (error) => console.error("[catalog sql] idle connection error", error.message));
    pools.set(url, pool);
  }
  return pool;
}
