// Proves that the SQL in prisma/migrations (applied by lib/server/migrate.ts, since Prisma's native schema engine
// is not available here) builds exactly the database prisma/schema.prisma describes: tables (@@map), columns
// (@map) with type and nullability, primary keys, unique constraints, indexes (columns, order, GIN, …),
// foreign keys with their referential actions, and enums with their values in order — and nothing more.
// Defaults are not compared. A NULLS NOT DISTINCT unique index counts as the plain unique Prisma knows.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { expectedShapeFromSchema, findSchemaDrift } from "@/test/schema-introspection";

const schemaText = readFileSync(path.join(__dirname, "schema.prisma"), "utf8");

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe("prisma/migrations vs prisma/schema.prisma", () => {
  it("the schema is read (guards against a vacuous comparison)", () => {
    const problems: string[] = [];
    const expected = expectedShapeFromSchema(schemaText, problems);
    expect(problems).toEqual([]);
    expect(expected.tables.get("usage_hourly")?.columns.find((c) => c.name === "latencyHist")).toEqual({
      name: "latencyHist",
      type: "bigint[]",
      nullable: true,
    });
    expect(expected.tables.get("models")?.indexes.find((i) => i.method === "gin")?.columns[0].name).toBe("tags");
    expect(expected.tables.get("models")?.columns.find((c) => c.name === "searchVector")).toEqual({
      name: "searchVector",
      type: "tsvector",
      nullable: true,
    });
    expect(
      expected.tables
        .get("team_members")
        ?.indexes.find((i) => i.kind === "primary key")
        ?.columns.map((c) => c.name),
    ).toEqual(["userId", "teamId"]);
    expect(expected.enums.get("VersionStatus")).toEqual(["draft", "pending_review", "approved", "rejected", "deprecated", "retired"]);
  });

  it("the migrated database matches the schema exactly", async () => {
    // A database of its own, so DDL done by other test files can never blur the result.
    const url = await createTestDatabase();
    const mismatches = await withClient(url, (client) => findSchemaDrift(client, schemaText));
    expect(mismatches).toEqual([]);
  });

  it("reports every kind of drift (the comparison can fail)", async () => {
    const url = await createTestDatabase();
    const mismatches = await withClient(url, async (client) => {
      const drift = [
        `ALTER TABLE "teams" DROP COLUMN "contactEmail"`,
        `ALTER TABLE "users" ALTER COLUMN "name" DROP NOT NULL`,
        `ALTER TABLE "reviews" ALTER COLUMN "checklist" TYPE json`,
        `ALTER TABLE "apps" ADD COLUMN "legacyCode" text`,
        `CREATE TABLE "stray_things" ("id" integer PRIMARY KEY)`,
        `ALTER TABLE "models" DROP CONSTRAINT "models_teamId_fkey"`,
        `ALTER TABLE "reviews" DROP CONSTRAINT "reviews_reviewerId_fkey",
           ADD CONSTRAINT "reviews_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "users"("id")
           ON DELETE CASCADE ON UPDATE CASCADE`,
        `DROP INDEX "model_versions_sunsetAt_idx"`,
        `DROP INDEX "models_tags_idx"`,
        `CREATE INDEX "models_tags_idx" ON "models" ("tags")`,
        `DROP INDEX "users_email_key"`,
        `CREATE INDEX "users_email_key" ON "users" ("email")`,
        `DROP INDEX "invocations_modelId_at_idx"`,
        `CREATE INDEX "invocations_modelId_at_idx" ON "invocations" ("at", "modelId")`,
        `ALTER INDEX "apps_teamId_idx" RENAME TO "apps_team_idx"`,
        `ALTER TABLE "system_state" DROP CONSTRAINT "system_state_pkey"`,
        `ALTER TYPE "RiskLevel" ADD VALUE 'extreme'`, // not Channel: each new door adds a channel value
        `CREATE TYPE "Mood" AS ENUM ('happy', 'sad')`,
      ];
      for (const sql of drift) await client.query(sql);
      return findSchemaDrift(client, schemaText);
    });

    expect([...mismatches].sort()).toEqual(
      [
        "enum RiskLevel: database has values [low, medium, high, extreme], schema has [low, medium, high]",
        "enum Mood: in the database but not in the schema",
        "table teams (model Team): column contactEmail is missing",
        "table users (model User): column name is nullable, schema expects NOT NULL",
        "table reviews (model Review): column checklist has type json, schema expects jsonb",
        "table apps (model App): column legacyCode (text) is not in the schema",
        "table stray_things: in the database but no model maps to it",
        "table models (model Model): missing foreign key (teamId) -> teams(id) ON DELETE Restrict ON UPDATE Cascade",
        "table reviews (model Review): foreign key (reviewerId) -> users(id) has ON DELETE Cascade, schema expects Restrict",
        "table model_versions (model ModelVersion): missing index (sunsetAt)",
        "table models (model Model): missing index USING gin (tags)",
        "table models (model Model): index (tags) [models_tags_idx] is not in the schema",
        "table users (model User): missing unique (email)",
        "table users (model User): index (email) [users_email_key] is not in the schema",
        "table invocations (model Invocation): missing index (modelId, at)",
        "table invocations (model Invocation): index (at, modelId) [invocations_modelId_at_idx] is not in the schema",
        "table apps (model App): index (teamId) is named apps_team_idx, Prisma names it apps_teamId_idx",
        "table system_state (model SystemState): missing primary key (key)",
      ].sort(),
    );
  });
});
