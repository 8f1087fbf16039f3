import "server-only";
import { sql } from "@/lib/db/sql";

/**
 * A dashboard query through the plain `pg` pool: the ORM's raw-query path costs several µs per field, which
 * dominated queries returning tens of thousands of (period × group) rows. bigint columns arrive as strings.
 */
export async function rowsOf<T extends unknown[]>(text: string, ...params: unknown[]): Promise<T> {
  return (await sql().query(text, params)).rows as T;
}
