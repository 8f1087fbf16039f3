// Vitest global setup: one real PostgreSQL (embedded) in a throwaway folder for the whole run, with a
// fresh, fully migrated database. As in production (scripts/start.ts), migrations run as the owner and the
// code under test connects as the portal's role (lib/server/db-roles.ts): DATABASE_URL is that role's URL,
// TEST_OWNER_DATABASE_URL the owner's, for fixtures that need more. Test files may create more databases
// on the same cluster with `createTestDatabase`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { migrateDatabase } from "../lib/server/migrate";
import { ensureAppRole } from "../lib/server/db-roles";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "modelport-test-pg-"));
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, persistent: false });
  const dbName = `test_${Date.now()}`;
  await pg.createDatabase(dbName);
  const ownerUrl = pg.urlFor(dbName);
  await migrateDatabase(ownerUrl);
  project.provide("databaseUrl", await ensureAppRole(ownerUrl));
  project.provide("ownerDatabaseUrl", ownerUrl);
  project.provide("adminDatabaseUrl", pg.urlFor("postgres"));
  return async () => {
    await pg.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    ownerDatabaseUrl: string;
    adminDatabaseUrl: string;
  }
}
