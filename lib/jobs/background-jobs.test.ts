// The portal's own jobs, run as the portal's role (which owns no table and may not run DDL), exactly as the
// server runs them: partition upkeep creates next months' partitions through the owner's function, the usage
// refresh recomputes the catalog's 30-day figures when they are stale, and the server's start-up hook starts
// them all, the roll-up fold among them.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";

// A database of its own: partitions are dropped and recreated below.
const ownerUrl = await createTestDatabase();
const { ensureAppRole } = await import("@/lib/server/db-roles");
process.env.DATABASE_URL = await ensureAppRole(ownerUrl);
const { JOBS, stopBackgroundJobs } = await import("@/lib/jobs/background-jobs");
const { runJob } = await import("@/lib/server/jobs");

const owner = new pg.Client({ connectionString: ownerUrl });
beforeAll(() => owner.connect());
afterAll(() => owner.end());

function monthAhead(months: number): string {
  const at = new Date();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + months);
  return `invocations_p${at.toISOString().slice(0, 7).replace("-", "")}`;
}
const exists = async (table: string) =>
  (await owner.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [table])).rows[0].t !== null;

describe("background jobs as the portal's role", () => {
  it("partition upkeep recreates a missing month through the owner's function, and fails without it", async () => {
    const part = monthAhead(3);
    const fn = "modelport_ensure_invocation_partitions(integer, integer)";
    await owner.query(`DROP TABLE "${part}"`);
    // As migrated: the portal's role creates the month with the owner's rights, and the partition is the owner's.
    expect(await runJob(JOBS.partitionUpkeep)).toBe(true);
    expect(await exists(part)).toBe(true);
    const { rows } = await owner.query<{ mine: boolean }>(
      `SELECT pg_get_userbyid(relowner) = current_user AS mine FROM pg_class WHERE relname = $1`,
      [part],
    );
    expect(rows[0].mine).toBe(true);
    // PUBLIC may not call it; only the roles it was granted to (the portal's).
    const { rows: acl } = await owner.query<{ public: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                       WHERE p.oid = $1::regprocedure AND a.grantee = 0) AS public`,
      [fn],
    );
    expect(acl[0].public).toBe(false);
    // Without the owner's rights the portal's role cannot create a table (what the migration fixed).
    await owner.query(`DROP TABLE "${part}"`);
    await owner.query(`ALTER FUNCTION ${fn} SECURITY INVOKER`);
    try {
      await expect(runJob(JOBS.partitionUpkeep)).rejects.toThrow(/permission denied/);
      expect(await exists(part)).toBe(false);
    } finally {
      await owner.query(`ALTER FUNCTION ${fn} SECURITY DEFINER`);
    }
    expect(await runJob(JOBS.partitionUpkeep)).toBe(true);
    expect(await exists(part)).toBe(true);
  });

  it("the usage refresh recomputes stale 30-day figures and leaves fresh ones alone", async () => {
    await owner.query(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), 'u', 'U', 'U')`);
    await owner.query(`INSERT INTO teams (id, slug, name, "businessUnitId") SELECT gen_random_uuid(), 'u', 'U', id FROM business_units`);
    await owner.query(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt") SELECT gen_random_uuid(), id, 'm', 'u/m', 'M', 't', 'f', now() FROM teams`,
    );
    await owner.query(
      `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, runtime, "costModel", "updatedAt") SELECT gen_random_uuid(), id, '1.0.0', 1, 0, 0, 'onnx', '{}', now() FROM models`,
    );
    await owner.query(
      `INSERT INTO usage_hourly (bucket, "modelId", "versionId", channel, calls) SELECT date_trunc('hour', now()), "modelId", id, 'api', 7 FROM model_versions`,
    );
    const { refreshModelUsageIfStale } = await import("@/lib/catalog/model-usage-30d");
    const figures = async () =>
      (await owner.query<{ calls: string; at: Date }>(`SELECT calls::text, "refreshedAt" AS at FROM model_usage_30d`)).rows;
    expect(await figures()).toEqual([]);
    expect(await refreshModelUsageIfStale()).toBe(true); // an empty view counts as stale
    const fresh = await figures();
    expect(fresh.map((r) => r.calls)).toEqual(["7"]);
    expect(await refreshModelUsageIfStale()).toBe(false); // fresh: nothing to do
    expect(await figures()).toEqual(fresh);
    expect(await refreshModelUsageIfStale(0)).toBe(true); // stale by a shorter measure: recomputed
    expect((await figures())[0].at.getTime()).toBeGreaterThan(fresh[0].at.getTime());
  });

  it("starts every job at once where the server starts them (instrumentation.ts), and stops them", async () => {
    const part = monthAhead(2);
    await owner.query(`DROP TABLE "${part}"`);
    // A recorded call waiting in the roll-up queue (the model and version of the test above).
    await owner.query(
      `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
       SELECT '2026-07-01T10:00:00Z', "modelId", id, NULL, 'console', 200, 1, 1, 0, 0, 5, 0 FROM model_versions`,
    );
    const calls = async () =>
      Number(
        (await owner.query<{ n: string }>(`SELECT coalesce(sum(calls), 0) AS n FROM usage_hourly WHERE bucket = '2026-07-01T10:00:00Z'`))
          .rows[0].n,
      );
    expect(await calls()).toBe(0);
    const { register } = await import("@/instrumentation");
    process.env.NEXT_RUNTIME = "nodejs";
    try {
      await register();
      await expect.poll(() => exists(part), { timeout: 10_000 }).toBe(true);
      await expect.poll(calls, { timeout: 10_000 }).toBe(1);
    } finally {
      delete process.env.NEXT_RUNTIME;
      await stopBackgroundJobs();
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM usage_pending`)).rows[0].n).toBe(0);
  });
});
