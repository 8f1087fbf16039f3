import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type MigrationResult = { applied: string[]; alreadyApplied: number };

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** Advisory lock held while the schema or the portal role's privileges change (several nodes may start at once). */
export const MIGRATION_LOCK = 727274;

// Same table Prisma Migrate keeps, so `prisma migrate deploy` sees these migrations as applied
// wherever its native engine is available.
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies every migration in prisma/migrations that the database has not seen, each in its own
 * transaction, recording it in `_prisma_migrations` with Prisma's checksum (SHA-256 of the file).
 * An advisory lock keeps two starting processes from migrating at once.
 */
export async function migrateDatabase(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrationResult> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const squashed = predatesSquashedHistory([...done.keys()], names);
    if (squashed) throw new Error(squashed);
    const applied: string[] = [];
    for (const name of names) {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was changed after it was applied (checksum mismatch).`);
        }
        continue;
      }
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
      log(`applied migration ${name}`);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/**
 * The pre-release migrations were squashed into one init before the first release (docs/decisions.md): a
 * database migrated before that has applied migrations this folder no longer has and not the first of its own.
 * It cannot be upgraded in place; returns the message saying so (or null when the database is not such a one).
 */
export function predatesSquashedHistory(appliedNames: string[], folderNames: string[]): string | null {
  const known = new Set(folderNames);
  const gone = appliedNames.filter((name) => !known.has(name)).sort();
  if (gone.length === 0 || folderNames.length === 0 || appliedNames.includes(folderNames[0])) return null;
  return (
    `This database predates Modelport's squashed migration history: it has ${gone.length} applied migration(s) that ` +
    `prisma/migrations no longer contains (${gone[0]}${gone.length > 1 ? ", …" : ""}) and not ${folderNames[0]}. ` +
    `The pre-release migrations were folded into one init and a database made with them cannot be upgraded in place. ` +
    `Start afresh: stop Modelport and delete the data folder (.data/, or MODELPORT_DATA_DIR) to get a new embedded ` +
    `database, or point DATABASE_URL at an empty database.`
  );
}

/** Creates the database named in the URL if it does not exist yet (connects to `postgres`). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
