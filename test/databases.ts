import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase } from "@/lib/server/migrate";
import { ensureAppRole } from "@/lib/server/db-roles";

/**
 * Creates a separate, migrated database on the test cluster (for tests that need an empty one). Its URL is the
 * owner's; with `asApp`, the URL of the portal's role on it, as the portal connects in production.
 */
export async function createTestDatabase(options: { migrate?: boolean; asApp?: boolean } = {}): Promise<string> {
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
  return options.asApp ? ensureAppRole(url.toString()) : url.toString();
}

/** Runs statements as the owner of the run's database: DDL in fixtures (the code under test connects as the portal's role). */
export async function asOwner(...statements: string[]): Promise<void> {
  const url = process.env.TEST_OWNER_DATABASE_URL;
  if (!url) throw new Error("TEST_OWNER_DATABASE_URL is not set (run through vitest)");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
