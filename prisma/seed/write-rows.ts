// Writes the in-memory company in foreign-key order inside the seeding transaction. Each table is one
// INSERT … SELECT FROM jsonb_populate_recordset: Postgres parses the rows itself, which is ~10× faster than
// createMany for these wide rows (JSON schemas, cards) and keeps the whole seed within its time budget.
import type { Prisma } from "../../lib/generated/prisma/client";
import type { SeedRows } from "./rows";

const json = (rows: object[]) => JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

/** Inserts rows whose keys are the table's column names (Prisma field names: the schema maps no fields). */
async function insertRows(tx: Prisma.TransactionClient, table: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((c) => `"${c}"`).join(", ");
  await tx.$executeRawUnsafe(
    `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    json(rows),
  );
}

export async function writeRows(tx: Prisma.TransactionClient, rows: SeedRows): Promise<void> {
  await insertRows(tx, "business_units", rows.businessUnits);
  await insertRows(tx, "teams", rows.teams);
  await insertRows(tx, "users", rows.users);
  await insertRows(tx, "team_members", rows.teamMembers);
  await insertRows(tx, "hardware_rates", rows.hardwareRates);
  await insertRows(tx, "models", rows.models);
  // Replacements point at versions of the same table: insert first, link after.
  await insertRows(
    tx,
    "model_versions",
    rows.versions.map((v) => ({ ...v, replacementVersionId: null })),
  );
  const replacements = rows.versions
    .filter((v) => v.replacementVersionId)
    .map((v) => ({ id: v.id, replacementVersionId: v.replacementVersionId }));
  await tx.$executeRawUnsafe(
    `UPDATE model_versions v SET "replacementVersionId" = r."replacementVersionId"
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "replacementVersionId" uuid) WHERE v.id = r.id`,
    json(replacements),
  );
  await insertRows(tx, "reviews", rows.reviews);
  await insertRows(tx, "apps", rows.apps);
  await insertRows(tx, "api_keys", rows.apiKeys);
  await insertRows(tx, "access_requests", rows.accessRequests);
  await insertRows(tx, "access_grants", rows.accessGrants);
  await insertRows(tx, "model_stars", rows.modelStars);
  await insertRows(tx, "collections", rows.collections);
  await insertRows(tx, "collection_items", rows.collectionItems);
  const audit = [...rows.auditEvents].sort((a, b) => new Date(a.at ?? 0).getTime() - new Date(b.at ?? 0).getTime());
  await insertRows(tx, "audit_events", audit);
}
