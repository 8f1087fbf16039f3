import { describe, expect, it } from "vitest";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
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
});
