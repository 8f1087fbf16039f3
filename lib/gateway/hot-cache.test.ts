// The gateway's hot cache (lib/gateway/hot-cache.ts, on lib/server/lookup-cache.ts): lookups really are served from it, and every change
// that matters takes effect on the next call — through this process's writes, through another connection
// (NOTIFY), and when the LISTEN connection is lost (cache dropped and bypassed).
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/apps/revoke-api-key";
import { db } from "@/lib/server/db";
import { cachedLookup } from "@/lib/gateway/hot-cache";
import { createAppWithKey, createModel, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import { transitionVersion } from "@/lib/version-lifecycle/version-state";
import { evictTables, listenerReady, lookupCacheStats } from "@/lib/server/lookup-cache";
import { createTestDatabase } from "@/test/databases";

// A database of its own: notifications are per database, so other test files' writes cannot reach this
// process's listener and the counts below are exact.
process.env.DATABASE_URL = await createTestDatabase({ asApp: true });

const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const { POST: invokeExact } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };

async function call(c: { owner: string; name: string; secret: string; version?: string }) {
  const path = c.version
    ? `/api/v1/models/${c.owner}/${c.name}/versions/${c.version}/invoke`
    : `/api/v1/models/${c.owner}/${c.name}/invoke`;
  const req = new NextRequest(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${c.secret}` },
    body: JSON.stringify(iris.exampleInput),
  });
  const res = c.version
    ? await invokeExact(req, { params: Promise.resolve({ owner: c.owner, name: c.name, version: c.version }) })
    : await invokeLatest(req, { params: Promise.resolve({ owner: c.owner, name: c.name }) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

/** A cached model + key: two calls, the second served from the cache (hits go up). */
async function cachedTarget() {
  const { owner, name, model } = await createModel();
  const version = await createVersion(model.id, { version: "1.0.0", status: "approved" });
  const { secret, app, key } = await createAppWithKey();
  // The fixtures' own notifications arrive shortly after they commit and may evict the first calls'
  // entries; within a few calls both the key and the model are served from the cache.
  let cached = false;
  for (let i = 0; i < 20 && !cached; i++) {
    const hits = lookupCacheStats().hits;
    expect((await call({ owner, name, secret })).status).toBe(200);
    cached = lookupCacheStats().hits >= hits + 2;
  }
  expect(cached).toBe(true);
  return { owner, name, secret, app, key, versionRow: version };
}

let other: pg.Client;
beforeAll(async () => {
  expect(await listenerReady()).toBe(true);
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});
afterAll(async () => {
  delete process.env.MODELPORT_GATEWAY_CACHE_TTL_MS;
  await other.end();
});

describe("the gateway's hot cache", () => {
  it("does not keep a value whose load started before an eviction", async () => {
    const key = `probe-${Math.random()}`;
    let loads = 0;
    let release!: (v: string) => void;
    const slow = cachedLookup("model", key, () => {
      loads++;
      return new Promise<string>((r) => (release = r));
    });
    evictTables(["models"]); // a write lands while the old row is being read
    release("old");
    expect(await slow).toBe("old"); // that caller gets what it read…
    expect(
      await cachedLookup("model", key, async () => {
        loads++;
        return "new";
      }),
    ).toBe("new"); // …but it was not kept
    expect(
      await cachedLookup("model", key, async () => {
        loads++;
        return "newer";
      }),
    ).toBe("new"); // and "new" is
    expect(loads).toBe(2); // "old" and "new": the third lookup was a hit
  });

  it("refuses a revoked key on the very next call", async () => {
    const t = await cachedTarget();
    const user = await createUser("consumer", t.app.teamId);
    await revokeApiKey({ user: { teamIds: [t.app.teamId] }, actor: { id: user.id, label: user.email }, appId: t.app.id, keyId: t.key.id });
    const next = await call(t);
    expect([next.status, next.body.error?.code]).toEqual([401, "invalid_api_key"]);
  });

  it("answers 410 on the next call once the version is retired", async () => {
    const t = await cachedTarget();
    expect((await call({ ...t, version: "1.0.0" })).status).toBe(200);
    await db.$transaction(async (tx) => {
      await transitionVersion(tx, t.versionRow.id, "deprecated");
      await transitionVersion(tx, t.versionRow.id, "retired", { data: { retiredAt: new Date() } });
    });
    const next = await call({ ...t, version: "1.0.0" });
    expect([next.status, next.body.error?.code]).toEqual([410, "version_retired"]);
  });

  it("refuses a key cached here after it is revoked through another connection (NOTIFY), long before the TTL", async () => {
    process.env.MODELPORT_GATEWAY_CACHE_TTL_MS = "600000"; // only the notification can evict it
    const t = await cachedTarget();
    const notified = lookupCacheStats().notifications;
    const revokedAt = Date.now();
    await other.query(`UPDATE api_keys SET "revokedAt" = now() WHERE id = $1`, [t.key.id]);
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 5_000) status = (await call(t)).status;
    expect(status).toBe(401);
    expect(lookupCacheStats().notifications).toBeGreaterThan(notified);
    delete process.env.MODELPORT_GATEWAY_CACHE_TTL_MS;
  });

  it("does not flush keys when only lastUsedAt changes (the recorder's refresh)", async () => {
    const t = await cachedTarget();
    const keys = lookupCacheStats().sizes.key;
    expect(keys).toBeGreaterThan(0);
    const notified = lookupCacheStats().notifications;
    await other.query(`UPDATE api_keys SET "lastUsedAt" = now() WHERE id = $1`, [t.key.id]);
    // A change that does notify, sent after: once it arrives, the lastUsedAt one (if any) would have too.
    await other.query(`UPDATE hardware_rates SET "hourlyRateMicros" = "hourlyRateMicros" WHERE false`);
    const deadline = Date.now() + 5_000;
    while (lookupCacheStats().notifications === notified && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(lookupCacheStats().notifications).toBe(notified + 1);
    expect(lookupCacheStats().sizes.key).toBe(keys); // neither change flushed the keys
  });

  it("evicts the caches that register for a table (the egress allow-list) when another connection changes it", async () => {
    const { loadEgressAllowList } = await import("@/lib/server/net/egress-rules");
    const host = `registered-${Date.now()}.example.internal`;
    expect((await loadEgressAllowList()).allowsHost(host)).toBe(false); // now cached for its TTL (5 s)
    await other.query(`INSERT INTO egress_rules (id, pattern, "createdAt") VALUES (gen_random_uuid(), $1, now())`, [host]);
    const deadline = Date.now() + 2_000; // well inside the TTL: only the notification can make it visible
    let allowed = false;
    while (!allowed && Date.now() < deadline) {
      allowed = (await loadEgressAllowList()).allowsHost(host);
      if (!allowed) await new Promise((r) => setTimeout(r, 20));
    }
    expect(allowed).toBe(true);
  });

  it("drops and bypasses the cache while the LISTEN connection is down, and resumes once it is back", async () => {
    process.env.MODELPORT_GATEWAY_CACHE_TTL_MS = "600000";
    const t = await cachedTarget();
    const pid = lookupCacheStats().listenerPid;
    expect(pid).not.toBeNull();
    await other.query(`SELECT pg_terminate_backend($1)`, [pid]);
    const deadline = Date.now() + 5_000;
    while (lookupCacheStats().listening && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(lookupCacheStats().listening).toBe(false);
    // A change the dead listener cannot hear about: the cache must not serve the old key meanwhile.
    await other.query(`UPDATE api_keys SET "revokedAt" = now() WHERE id = $1`, [t.key.id]);
    expect((await call(t)).status).toBe(401);
    expect(await listenerReady()).toBe(true);
    const again = await cachedTarget(); // cached again once listening
    expect(again.secret).not.toBe(t.secret);
    delete process.env.MODELPORT_GATEWAY_CACHE_TTL_MS;
  });
});
