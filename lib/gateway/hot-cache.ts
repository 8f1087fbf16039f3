import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

/**
 * A short-lived in-process cache for the gateway's per-call lookups (API key, model + versions, access
 * grants), with immediate invalidation:
 * - writes made through this process's Prisma client evict synchronously (lib/db.ts), so the very next
 *   call after a revoke/transition/grant change sees it;
 * - every other write (another portal node, psql, plain SQL) reaches every process through PostgreSQL
 *   triggers that `pg_notify('modelport_cache', '<table>')` on commit and one LISTEN connection per process;
 * - the cache is only used while that LISTEN connection is up: on loss it is dropped and bypassed until
 *   the listener is back; a TTL of a few seconds is the last safety net.
 */
export type Bucket = "key" | "model" | "grant";
export const CHANNEL = "modelport_cache";

// Which buckets a change to a table can make stale.
const DEPENDS: Record<string, Bucket[]> = {
  api_keys: ["key"],
  apps: ["key", "grant"],
  models: ["model"],
  model_versions: ["model"],
  teams: ["model", "key"],
  access_grants: ["grant"],
  // A key acts for its creator: their role, status and teams are part of the resolved key.
  users: ["key"],
  team_members: ["key"],
};
// Other process-wide caches (with their own TTL) that the same notifications evict at once. They register
// themselves, so this module imports none of them (and the database client, which evicts through it, no domain).
const EXTRAS = new Map<string, Set<() => void>>();

/** Calls `invalidate` whenever a change to `table` is seen, here or (through NOTIFY) in another process. */
export function onTableChange(table: "egress_rules" | "hardware_rates", invalidate: () => void): void {
  if (!EXTRAS.has(table)) EXTRAS.set(table, new Set());
  EXTRAS.get(table)!.add(invalidate);
}

type Entry = { value: Promise<unknown>; expires: number };
type State = {
  maps: Record<Bucket, Map<string, Entry>>;
  /** Counts evictions (observability and tests). */
  generation: number;
  listening: boolean;
  client: pg.Client | null;
  starting: boolean;
  stopped: boolean;
  /** No reconnection attempt before this time (ms epoch) after a failure: lookups must not storm a sick database. */
  retryAt: number;
  stats: { hits: number; misses: number; evictions: number; notifications: number; reconnects: number };
};
const MAX_ENTRIES = 10_000;

const cache: State = {
  maps: { key: new Map(), model: new Map(), grant: new Map() },
  generation: 0,
  listening: false,
  client: null,
  starting: false,
  stopped: false,
  retryAt: 0,
  stats: { hits: 0, misses: 0, evictions: 0, notifications: 0, reconnects: 0 },
};
const state = (): State => cache;

const ttlMs = () => Number(process.env.MODELPORT_GATEWAY_CACHE_TTL_MS ?? 5_000);
const enabled = () => process.env.MODELPORT_GATEWAY_CACHE !== "0";

/** The cached value of `load()` for bucket/key, or a fresh load when the cache cannot be trusted. */
export function cachedLookup<T>(bucket: Bucket, key: string, load: () => Promise<T>): Promise<T> {
  if (!enabled()) return load();
  const s = state();
  if (!s.listening) {
    if (Date.now() >= s.retryAt) startListener();
    return load();
  }
  const map = s.maps[bucket];
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.expires > now) {
    s.stats.hits++;
    return hit.value as Promise<T>;
  }
  s.stats.misses++;
  // The entry goes in while its load is still running, so an eviction meanwhile removes it with the rest:
  // a row read before a write can never outlive that write's eviction.
  const value = load();
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
  const entry = { value, expires: now + ttlMs() };
  map.set(key, entry);
  value.catch(() => {
    if (map.get(key) === entry) map.delete(key);
  });
  return value;
}

/** Evicts everything a change to these tables may have made stale (in this process). */
export function evictTables(tables: Iterable<string>): void {
  const s = state();
  let touched = false;
  for (const table of tables) {
    for (const bucket of DEPENDS[table] ?? []) {
      s.maps[bucket].clear();
      touched = true;
    }
    for (const invalidate of EXTRAS.get(table) ?? []) invalidate();
  }
  if (touched) {
    s.generation++;
    s.stats.evictions++;
  }
}

/** Tables whose changes the gateway caches depend on (the migration puts a NOTIFY trigger on each). */
export const WATCHED_TABLES = new Set([...Object.keys(DEPENDS), "egress_rules", "hardware_rates"]);

function dropAll(s: State) {
  for (const map of Object.values(s.maps)) map.clear();
  s.generation++;
  for (const set of EXTRAS.values()) for (const invalidate of set) invalidate();
}

/** Starts the LISTEN connection once per process; until it is up, lookups go to the database. */
export function startListener(): void {
  const s = state();
  if (s.client || s.starting || s.stopped) return;
  s.starting = true;
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "modelport-cache-listener" });
  let gone = false;
  const lost = (error?: Error) => {
    if (gone) return;
    gone = true;
    if (error && !s.stopped && s.listening)
      console.error(`[gateway cache] LISTEN connection lost (${error.message}); cache bypassed until it is back`);
    s.listening = false;
    s.client = null;
    s.starting = false;
    dropAll(s);
    client.end().catch(() => undefined);
    if (!s.stopped) {
      s.stats.reconnects++;
      s.retryAt = Date.now() + 1_000;
      setTimeout(startListener, 1_000).unref();
    }
  };
  client.on("error", lost);
  client.on("end", () => lost());
  client.on("notification", (message) => {
    if (message.channel !== CHANNEL) return;
    s.stats.notifications++;
    evictTables([message.payload ?? ""]);
  });
  client
    .connect()
    .then(() => client.query(`LISTEN ${CHANNEL}`))
    .then(() => {
      // The listener must not keep a test process or a shutting-down server alive.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      s.client = client;
      s.starting = false;
      // Anything cached before (while not listening nothing is) is dropped: changes may have been missed.
      dropAll(s);
      s.listening = true;
    })
    .catch((error: Error) => lost(error));
}

/** Closes the LISTEN connection (server shutdown). */
export async function stopListener(): Promise<void> {
  const s = state();
  s.stopped = true;
  s.listening = false;
  const client = s.client;
  s.client = null;
  dropAll(s);
  await client?.end().catch(() => undefined);
}

/** Resolves once the listener is up (tests, and the server's start-up so the first calls are cached). */
export async function listenerReady(timeoutMs = 10_000): Promise<boolean> {
  startListener();
  const deadline = Date.now() + timeoutMs;
  while (!state().listening && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return state().listening;
}

export function hotCacheStats() {
  const s = state();
  const listenerPid = (s.client as unknown as { processID?: number } | null)?.processID ?? null;
  return {
    listening: s.listening,
    listenerPid,
    generation: s.generation,
    ...s.stats,
    sizes: Object.fromEntries(Object.entries(s.maps).map(([b, m]) => [b, m.size])),
  };
}
