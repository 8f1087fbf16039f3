// The portal's database role (lib/server/db-roles.ts): it keeps the audit trail append-only even against SQL run
// with the portal's own credentials, because it owns nothing and holds no TRUNCATE or DDL right.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivedAppUrl, ensureAppRole } from "@/lib/server/db-roles";
import { createTestDatabase } from "@/test/databases";

let ownerUrl: string;
let appUrl: string;
let app: pg.Client;
let owner: pg.Client;

const code = async (sql: string, params: unknown[] = []) => {
  try {
    await app.query(sql, params);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

beforeAll(async () => {
  ownerUrl = await createTestDatabase();
  appUrl = await ensureAppRole(ownerUrl);
  app = new pg.Client({ connectionString: appUrl });
  owner = new pg.Client({ connectionString: ownerUrl });
  await Promise.all([app.connect(), owner.connect()]);
});

afterAll(async () => {
  await Promise.all([app?.end(), owner?.end()]);
});

describe("the role the portal runs as", () => {
  it("is what the code under test connects as: not a superuser, owning nothing", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ rolsuper: boolean; owns: number }>(
        `SELECT r.rolsuper, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owns FROM pg_roles r WHERE r.rolname = current_user`,
      );
      expect(rows[0].rolsuper).toBe(false);
      expect(rows[0].owns).toBe(0);
      await expect(client.query(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toMatchObject({ code: "42501" });
    } finally {
      await client.end();
    }
  });

  it("adds and reads audit rows but cannot update, delete, truncate them or switch off their trigger", async () => {
    const { rows } = await app.query<{ id: string }>(
      `INSERT INTO audit_events ("actorLabel", action, "targetType", "targetId") VALUES ('roles test', 'test.append', 'x', '1') RETURNING id`,
    );
    const id = rows[0].id;
    expect((await app.query(`SELECT action FROM audit_events WHERE id = $1`, [id])).rows).toEqual([{ action: "test.append" }]);
    expect(await code(`UPDATE audit_events SET action = 'changed' WHERE id = $1`, [id])).toBe("42501");
    expect(await code(`DELETE FROM audit_events WHERE id = $1`, [id])).toBe("42501");
    expect(await code(`TRUNCATE audit_events`)).toBe("42501");
    expect(await code(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).toBe("42501");
    expect(await code(`SET session_replication_role = replica`)).toBe("42501");
    expect(await code(`DROP TRIGGER "audit_events_no_update_delete" ON audit_events`)).toBe("42501");
    expect((await owner.query(`SELECT action FROM audit_events WHERE id = $1`, [id])).rows).toEqual([{ action: "test.append" }]);
  });

  it("cannot create, alter or drop tables, nor read the migration log", async () => {
    // Even where PUBLIC may create in the schema (databases upgraded from PostgreSQL 14 and older).
    await owner.query(`GRANT CREATE ON SCHEMA public TO PUBLIC`);
    await ensureAppRole(ownerUrl);
    expect(await code(`CREATE TABLE sneaky (id int)`)).toBe("42501");
    expect(await code(`ALTER TABLE apps ADD COLUMN sneaky int`)).toBe("42501");
    expect(await code(`DROP TABLE apps`)).toBe("42501");
    expect(await code(`TRUNCATE apps`)).toBe("42501");
    expect(await code(`SELECT * FROM "_prisma_migrations"`)).toBe("42501");
    expect(await code(`REFRESH MATERIALIZED VIEW "model_usage_30d"`)).toBe("42501");
  });

  it("does its ordinary work: rows of other tables, the usage view refresh, partitions created later", async () => {
    expect(await code(`SELECT modelport_refresh_model_usage_30d()`)).toBe("ok");
    const team = await owner.query<{ id: string }>(
      `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), 'roles-bu', 'roles-bu', 'cc') RETURNING id`,
    );
    expect(await code(`UPDATE business_units SET name = 'renamed' WHERE id = $1`, [team.rows[0].id])).toBe("ok");
    expect(await code(`DELETE FROM business_units WHERE id = $1`, [team.rows[0].id])).toBe("ok");
    // A partition the owner creates after the grants (as the launcher does monthly) is covered by default privileges.
    await owner.query(`CREATE TABLE later_table (id int)`);
    expect(await code(`INSERT INTO later_table VALUES (1)`)).toBe("ok");
    expect(await code(`TRUNCATE later_table`)).toBe("42501");
    await owner.query(`DROP TABLE later_table`);
  });

  it("is provisioned again without harm, and refuses an application URL that is the owner or a superuser", async () => {
    expect(await ensureAppRole(ownerUrl)).toBe(appUrl);
    expect(derivedAppUrl(ownerUrl)).toBe(appUrl);
    await expect(ensureAppRole(ownerUrl, { appUrl: ownerUrl })).rejects.toThrow(/another role/);
    const superUrl = new URL(ownerUrl);
    superUrl.username = "roles_test_super";
    superUrl.password = "roles-test-password";
    await owner.query(`DROP ROLE IF EXISTS roles_test_super`);
    await owner.query(`CREATE ROLE roles_test_super LOGIN SUPERUSER PASSWORD 'roles-test-password'`);
    try {
      await expect(ensureAppRole(ownerUrl, { appUrl: superUrl.toString() })).rejects.toThrow(/ordinary role/);
    } finally {
      await owner.query(`DROP ROLE roles_test_super`);
    }
  });
});
