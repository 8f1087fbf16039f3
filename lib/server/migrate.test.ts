import { mkdtemp, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { migrateDatabase, predatesSquashedHistory } from "@/lib/server/migrate";
import { createTestDatabase } from "@/test/databases";

describe("migrateDatabase", () => {
  it("applies every migration once and records it the way Prisma Migrate does", async () => {
    const url = await createTestDatabase({ migrate: false });
    const first = await migrateDatabase(url);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrateDatabase(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(first.applied.length);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`);
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
  });

  it("refuses UPDATE and DELETE on the audit trail", async () => {
    const url = await createTestDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO audit_events ("actorLabel", action, "targetType", "targetId") VALUES ('t', 'test', 'x', '1')`);
      await expect(client.query(`UPDATE audit_events SET action = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
      const { rows } = await client.query(`SELECT action FROM audit_events`);
      expect(rows).toEqual([{ action: "test" }]);
    } finally {
      await client.end();
    }
  });

  it("stops on a database migrated before the history was squashed, and changes nothing", async () => {
    // A data folder from before the squash: its _prisma_migrations names pre-release migrations that are gone.
    const url = await createTestDatabase({ migrate: false });
    const oldDir = await mkdtemp(path.join(tmpdir(), "modelport-old-migrations-"));
    try {
      for (const name of ["20261122000000_init", "20261122000100_latency_bucket_float"]) {
        await mkdir(path.join(oldDir, name));
        await writeFile(path.join(oldDir, name, "migration.sql"), `CREATE TABLE "legacy_${name.slice(15)}" (id int);`);
      }
      expect((await migrateDatabase(url, { dir: oldDir })).applied).toHaveLength(2);
    } finally {
      await rm(oldDir, { recursive: true, force: true });
    }

    const current = (await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const failure = migrateDatabase(url);
    await expect(failure).rejects.toThrow(/predates Modelport's squashed migration history/);
    await expect(failure).rejects.toThrow(`not ${current[0]}`);
    await expect(failure).rejects.toThrow(/delete the data folder \(\.data\/.*point DATABASE_URL at an empty database/);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
      expect(rows.map((r) => r.migration_name)).toEqual(["20261122000000_init", "20261122000100_latency_bucket_float"]);
      const tables = await client.query(`SELECT to_regclass('public.models') AS models`);
      expect(tables.rows[0].models).toBeNull();
    } finally {
      await client.end();
    }
  });

  it("tells a pre-squash database from a fresh, a current or a newer one", () => {
    const folder = ["20261203200000_init", "20261210000000_next"];
    expect(predatesSquashedHistory([], folder)).toBeNull();
    expect(predatesSquashedHistory(["20261203200000_init"], folder)).toBeNull();
    // Applied by a newer checkout and not here: not this case (the init is applied).
    expect(predatesSquashedHistory(["20261203200000_init", "20261220000000_later"], folder)).toBeNull();
    expect(predatesSquashedHistory(["20261122000000_init", "20261122010000_catalog_search"], folder)).toMatch(
      /2 applied migration\(s\) that prisma\/migrations no longer contains \(20261122000000_init, …\) and not 20261203200000_init/,
    );
  });
});
