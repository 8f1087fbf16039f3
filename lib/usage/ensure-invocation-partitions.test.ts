import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { ensureInvocationPartitions } from "./ensure-invocation-partitions";

describe("invocations partitioning", () => {
  it("has monthly partitions around now plus a default one, and moves caught rows into new months", async () => {
    const url = await createTestDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const parts = async () =>
        (
          await c.query<{ name: string }>(
            `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'invocations'::regclass ORDER BY 1`,
          )
        ).rows.map((r) => r.name);
      const initial = await parts();
      expect(initial).toContain("invocations_default");
      expect(initial.filter((n) => /^invocations_p\d{6}$/.test(n))).toHaveLength(8);
      expect(await ensureInvocationPartitions(url)).toBe(0);

      // A row 6 months ahead has no monthly partition yet: the default partition takes it (an insert never fails).
      await c.query(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), 'p', 'P', 'P')`);
      await c.query(`INSERT INTO teams (id, slug, name, "businessUnitId") SELECT gen_random_uuid(), 'p', 'P', id FROM business_units`);
      await c.query(
        `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt") SELECT gen_random_uuid(), id, 'm', 'p/m', 'M', 't', 'f', now() FROM teams`,
      );
      await c.query(
        `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, runtime, "costModel", "updatedAt") SELECT gen_random_uuid(), id, '1.0.0', 1, 0, 0, 'onnx', '{}', now() FROM models`,
      );
      const at = new Date();
      at.setUTCMonth(at.getUTCMonth() + 6);
      await c.query(
        `INSERT INTO invocations (at, "requestId", "modelId", "versionId", channel, "statusCode", "gatewayMs", "upstreamMs")
        SELECT $1, 'r', "modelId", id, 'api', 200, 1, 1 FROM model_versions`,
        [at],
      );
      expect((await c.query(`SELECT count(*)::int AS n FROM invocations_default`)).rows[0].n).toBe(1);

      expect(await ensureInvocationPartitions(url, 0, 6)).toBeGreaterThan(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM invocations_default`)).rows[0].n).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM invocations WHERE at = $1`, [at])).rows[0].n).toBe(1);
      const name = `invocations_p${at.toISOString().slice(0, 7).replace("-", "")}`;
      expect(await parts()).toContain(name);
      // Old months are detachable without touching the rest.
      await c.query(`ALTER TABLE invocations DETACH PARTITION ${name}`);
      expect((await c.query(`SELECT count(*)::int AS n FROM invocations`)).rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  });
});
