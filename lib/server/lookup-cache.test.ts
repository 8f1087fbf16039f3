// The platform's lookup cache (lib/server/lookup-cache.ts) on its own: subscribers register the tables that make
// them stale and are evicted by writes through this process's Prisma client, synchronously, and by NOTIFY from
// any other connection. The gateway's use of it is tested in lib/gateway/hot-cache.test.ts.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";

// A database of its own: notifications are per database, so other test files' writes cannot reach this listener.
process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
const { db } = await import("@/lib/server/db");
const { evictTables, listenerReady, lookupCache, lookupCacheStats, onTableChange } = await import("@/lib/server/lookup-cache");

const seen: string[] = [];
onTableChange("egress_rules", () => seen.push("egress_rules"));
onTableChange("hardware_rates", () => seen.push("hardware_rates"));

afterAll(async () => {
  await db.$disconnect();
});

describe("the lookup cache", () => {
  it("calls the invalidators registered for a table, and only those", () => {
    seen.length = 0;
    evictTables(["hardware_rates", "models"]);
    expect(seen).toEqual(["hardware_rates"]);
  });

  it("evicts as soon as a write through the process's Prisma client has run, before any notification", async () => {
    seen.length = 0;
    const notified = lookupCacheStats().notifications;
    await db.egressRule.deleteMany({ where: { pattern: "nothing.example.internal" } });
    expect(seen).toEqual(["egress_rules"]);
    expect(lookupCacheStats().notifications).toBe(notified);
  });

  it("serves a lookup from the cache until another connection changes one of its tables (NOTIFY)", async () => {
    const lookup = lookupCache({ name: "probe", tables: ["egress_rules"], ttlMs: () => 600_000 });
    expect(await listenerReady()).toBe(true);
    let loads = 0;
    const load = async () => ++loads;
    expect(await lookup("k", load)).toBe(1);
    expect(await lookup("k", load)).toBe(1); // a hit
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query(`DELETE FROM egress_rules WHERE pattern = 'nothing.example.internal'`);
    await other.end();
    const deadline = Date.now() + 5_000;
    let value = 1;
    while (value === 1 && Date.now() < deadline) {
      await new Promise((r) => setImmediate(r));
      value = await lookup("k", load);
    }
    expect(value).toBe(2);
    expect(lookupCacheStats().sizes.probe).toBe(1);
  });
});
