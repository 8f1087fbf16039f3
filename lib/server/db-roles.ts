import { createHmac } from "node:crypto";
import pg from "pg";
import { MIGRATION_LOCK } from "./migrate";

// Tables whose rows the portal may add and read but never change or remove (the database's append-only
// triggers say the same; without table ownership the portal cannot switch them off).
const APPEND_ONLY_TABLES = ["audit_events"];
// Tables the portal has no business reading at all.
const OWNER_ONLY_TABLES = ["_prisma_migrations"];

const RETRYABLE = new Set(["42710", "XX000", "40001", "40P01", "23505"]); // role created/updated at the same time elsewhere

/** The application role derived from the owner's: `<owner>_app`, password HMAC(owner password, role name). */
export function derivedAppUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  const owner = decodeURIComponent(url.username);
  const ownerPassword = decodeURIComponent(url.password);
  if (!owner || !ownerPassword) {
    throw new Error(
      "DATABASE_URL names no user and password, so Modelport cannot derive the password of the role the portal runs as. " +
        "Create that role and set DATABASE_APP_URL (README: External PostgreSQL).",
    );
  }
  const role = `${owner.slice(0, 59)}_app`;
  // Every node with the same DATABASE_URL derives the same password; knowing it tells nothing about the owner's.
  const password = createHmac("sha256", ownerPassword).update(`modelport application role ${role}`).digest("base64url");
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Makes sure the role the portal runs as exists (when derived) and holds exactly what the portal needs on this
 * database: rows of every table (append-only tables: INSERT and SELECT only), sequences, functions — and no
 * table, no TRUNCATE, no DDL, so it cannot edit the audit trail or switch off a trigger. Runs as the owner
 * after every migration (default privileges cover tables the owner creates later, such as new monthly
 * partitions). Returns the URL the portal connects with.
 */
export async function ensureAppRole(ownerUrl: string, options: { appUrl?: string } = {}): Promise<string> {
  const appUrl = options.appUrl || derivedAppUrl(ownerUrl);
  const role = decodeURIComponent(new URL(appUrl).username);
  for (let attempt = 1; ; attempt++) {
    try {
      await provision(ownerUrl, role, options.appUrl ? null : decodeURIComponent(new URL(appUrl).password), () => canConnect(appUrl));
      return appUrl;
    } catch (error) {
      if (attempt >= 4 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
    }
  }
}

async function provision(ownerUrl: string, role: string, derivedPassword: string | null, connects: () => Promise<boolean>) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const id = client.escapeIdentifier(role);
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    const { rows } = await client.query<{
      owner: string;
      found: boolean;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
      member: boolean;
      owns: number;
    }>(
      `SELECT current_user AS owner, r.oid IS NOT NULL AS found, coalesce(r.rolsuper, false) AS rolsuper,
              coalesce(r.rolbypassrls, false) AS rolbypassrls, coalesce(r.rolcreaterole, false) AS rolcreaterole,
              r.oid IS NOT NULL AND pg_has_role(r.oid, current_user, 'USAGE') AS member,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owns
         FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = $1`,
      [role],
    );
    const facts = rows[0];
    if (role === facts.owner)
      throw new Error(`DATABASE_APP_URL must name another role than DATABASE_URL (${role}): the portal must not own its tables.`);
    if (!facts.found) {
      if (derivedPassword === null)
        throw new Error(`The role ${role} of DATABASE_APP_URL does not exist; create it (README: External PostgreSQL).`);
      await client
        .query(
          `CREATE ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(derivedPassword)}`,
        )
        .catch((error: { code?: string; message: string }) => {
          if (error.code !== "42501") throw error;
          throw new Error(
            `The role in DATABASE_URL (${facts.owner}) may not create roles (${error.message}): create the portal's role yourself and set DATABASE_APP_URL (README: External PostgreSQL).`,
          );
        });
    } else {
      if (facts.rolsuper || facts.rolbypassrls || facts.rolcreaterole)
        throw new Error(`The portal's role ${role} must be an ordinary role (no SUPERUSER, BYPASSRLS or CREATEROLE).`);
      if (facts.member)
        throw new Error(`The portal's role ${role} is a member of ${facts.owner} and would hold its rights: revoke that membership.`);
      if (facts.owns > 0)
        throw new Error(
          `The portal's role ${role} owns ${facts.owns} table(s) or other objects in this database; they must belong to ${facts.owner}.`,
        );
      if (derivedPassword !== null && !(await connects()))
        await client.query(`ALTER ROLE ${id} WITH LOGIN PASSWORD ${client.escapeLiteral(derivedPassword)}`);
    }
    const owner = client.escapeIdentifier(facts.owner);
    const database = client.escapeIdentifier((await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0].db);
    for (const sql of [
      `GRANT CONNECT ON DATABASE ${database} TO ${id}`,
      // PostgreSQL 15+ no longer lets PUBLIC create in `public`; a database upgraded from an older one still may.
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `REVOKE CREATE ON SCHEMA public FROM ${id}`,
      `GRANT USAGE ON SCHEMA public TO ${id}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${id}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${id}`,
      ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE ON ${client.escapeIdentifier(t)} FROM ${id}`),
      ...OWNER_ONLY_TABLES.map((t) => `REVOKE ALL ON ${client.escapeIdentifier(t)} FROM ${id}`),
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${id}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${id}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${id}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${id}`,
    ]) {
      await client.query(sql);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
