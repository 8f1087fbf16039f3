// `npm run db:migrate`: what `npm start` does to an external database before the portal starts, on its own
// (e.g. as a deployment step): as the owner in DATABASE_URL, create the database if missing, apply the
// migrations, create the monthly invocation partitions, and give the portal's role (DATABASE_APP_URL, or the
// one derived from the owner) its privileges.
import { ensureDatabase, migrateDatabase } from "../lib/server/migrate";
import { ensureAppRole } from "../lib/server/db-roles";
import { ensureInvocationPartitions } from "../lib/usage/ensure-invocation-partitions";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the owner role's URL (the embedded database is migrated by `npm start`).");
  await ensureDatabase(url);
  const { applied } = await migrateDatabase(url, { log: console.log });
  console.log(applied.length ? `database migrated (${applied.length} new)` : "database schema up to date");
  await ensureInvocationPartitions(url);
  const appUrl = await ensureAppRole(url, { appUrl: process.env.DATABASE_APP_URL });
  console.log(`privileges granted to the portal's role ${decodeURIComponent(new URL(appUrl).username)}`);
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
