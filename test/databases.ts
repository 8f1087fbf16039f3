import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";

/** Creates a separate, migrated database on the test cluster (for tests that need an empty one). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<string> {
  const admin = process.env.TEST_ADMIN_DATABASE_URL;
  if (!admin) throw new Error("TEST_ADMIN_DATABASE_URL is not set (run through vitest)");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  if (options.migrate ?? true) await migrateDatabase(url.toString());
  return url.toString();
}
