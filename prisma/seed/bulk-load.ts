// Bulk loading as the PostgreSQL manual advises ("Populating a Database": remove indexes and foreign
// keys, load, recreate): updating 4 indexes (and any foreign keys) row by row makes loading the
// invocation history ~4× slower. Everything happens inside the seeding transaction, so other sessions
// never see the table without its constraints, and a failure rolls the DDL back with the data.
import type { Prisma } from "../../lib/generated/prisma/client";

type Ddl = { drop_sql: string; create_sql: string };

/**
 * `keepForeignKeys`: dropping a foreign key locks the referenced table (e.g. models) exclusively until the seed
 * commits, and the server starts while the seed runs (scripts/start.ts): its pages and jobs would wait on it.
 */
export async function withoutIndexesAndForeignKeys<T>(
  tx: Prisma.TransactionClient,
  table: string,
  load: () => Promise<T>,
  options: { keepForeignKeys?: boolean } = {},
): Promise<T> {
  const [{ owner }] = await tx.$queryRawUnsafe<{ owner: boolean }[]>(
    `SELECT pg_has_role(current_user, relowner, 'USAGE') AS owner FROM pg_class WHERE oid = $1::regclass`,
    table,
  );
  if (!owner) return load();
  const foreignKeys = await tx.$queryRawUnsafe<Ddl[]>(
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop_sql,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS create_sql
     FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND NOT $2 ORDER BY conname`,
    table,
    options.keepForeignKeys === true,
  );
  // Indexes that back a constraint (the primary key) stay.
  const indexes = await tx.$queryRawUnsafe<Ddl[]>(
    `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop_sql, pg_get_indexdef(i.indexrelid) AS create_sql
     FROM pg_index i WHERE i.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY i.indexrelid::regclass::text`,
    table,
  );
  // Dropping a foreign key alters the referenced table too, which Postgres refuses while that table has
  // pending deferred trigger events (the catalog-generation bump on models): fire them now.
  await tx.$executeRawUnsafe("SET CONSTRAINTS ALL IMMEDIATE");
  for (const ddl of [...foreignKeys, ...indexes]) await tx.$executeRawUnsafe(ddl.drop_sql);
  const result = await load();
  for (const ddl of [...indexes, ...foreignKeys]) await tx.$executeRawUnsafe(ddl.create_sql);
  return result;
}
