import pg from "pg";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";

/**
 * Short-lived in-process caches for lookups on hot paths, with immediate invalidation:
 * - a subscriber says which tables make it stale (`lookupCache({ tables })`, or `onTableChange` for a cache of
 *   its own); this module imports none of them;
 * - writes made through this process's Prisma client evict synchronously (lib/server/db.ts);
 * - every other write (another portal node, psql, plain SQL) reaches every process through PostgreSQL
 *   triggers that `pg_notify('modelport_cache', '<table>')` on commit and one LISTEN connection per process;
 * - lookup caches are only used while that LISTEN connection is up: on loss they are dropped and bypassed
 *   until the listener is back; a TTL of a few seconds is the last safety net.
 */
export const CHANNEL = "modelport_cache";

type Entry = { value: Promise<unknown>; expires: number };
const MAX_ENTRIES = 10_000;

// table → what a change to it makes stale
const invalidators = new Map<string, Set<() => void>>();

const state = {
  /** Counts evictions of lookup caches (observability and tests). */
  generation: 0,
  listening: false,
  client: null as pg.Client | null,
  starting: false,
  stopped: false,
  /** No reconnection attempt before this time (ms epoch) after a failure: lookups must not storm a sick database. */
  retryAt: 0,
  stats: { hits: 0, misses: 0, evictions: 0, notifications: 0, reconnects: 0 },
};
const sizes = new Map<string, () => number>();

/** Calls `invalidate` whenever a change to `table` is seen, here or (through NOTIFY) in another process. */
export function onTableChange(table: string, invalidate: () => void): void {
  if (!invalidators.has(table)) invalidators.set(table, new Set());
  invalidators.get(table)!.add(invalidate);
}

export type LookupCacheOptions = {
  /** Shown in the stats. */
  name: string;
  /** Tables whose changes make its entries stale (each needs the NOTIFY trigger of the migrations). */
  tables: readonly string[];
  /** Read on every store, so a test or an operator can change it at run time. */
  ttlMs: () => number;
  /** When false, every lookup goes to `load`. */
  enabled?: () => boolean;
};

/** A cache of lookups, emptied whenever one of its tables changes. */
export function lookupCache(options: LookupCacheOptions) {
  const map = new Map<string, Entry>();
  const clear = () => {
    map.clear();
    state.generation++;
    state.stats.evictions++;
  };
  for (const table of options.tables) onTableChange(table, clear);
  sizes.set(options.name, () => map.size);

  /** The cached value of `load()` for key, or a fresh load when the cache cannot be trusted. */
  return function cachedLookup<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (options.enabled && !options.enabled()) return load();
    if (!state.listening) {
      if (Date.now() >= state.retryAt) startListener();
      return load();
    }
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.expires > now) {
      state.stats.hits++;
      return hit.value as Promise<T>;
    }
    state.stats.misses++;
    // The entry goes in while its load is still running, so an eviction meanwhile removes it with the rest:
    // a row read before a write can never outlive that write's eviction.
    const value = load();
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
    const entry = { value, expires: now + options.ttlMs() };
    map.set(key, entry);
    value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return value;
  };
}

/** Evicts everything a change to these tables may have made stale (in this process). */
export function evictTables(tables: Iterable<string>): void {
  const seen = new Set<() => void>();
  for (const table of tables) for (const invalidate of invalidators.get(table) ?? []) seen.add(invalidate);
  for (const invalidate of seen) invalidate();
}

function dropAll() {
  evictTables(invalidators.keys());
}

/** Starts the LISTEN connection once per process; until it is up, lookups go to the database. */
export function startListener(): void {
  const s = state;
  if (s.client || s.starting || s.stopped) return;
  s.starting = true;
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "modelport-cache-listener" });
  let gone = false;
  const lost = (error?: Error) => {
    if (gone) return;
    gone = true;
    if (error && !s.stopped && s.listening)
      log().warn({ err: error }, "lookup cache: LISTEN connection lost; caches bypassed until it is back");
    s.listening = false;
    s.client = null;
    s.starting = false;
    dropAll();
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
      dropAll();
      s.listening = true;
    })
    .catch((error: Error) => lost(error));
}

/** Closes the LISTEN connection (server shutdown). */
export async function stopListener(): Promise<void> {
  const s = state;
  s.stopped = true;
  s.listening = false;
  const client = s.client;
  s.client = null;
  dropAll();
  await client?.end().catch(() => undefined);
}

/** Resolves once the listener is up (tests, and the server's start-up so the first calls are cached). */
export async function listenerReady(timeoutMs = 10_000): Promise<boolean> {
  startListener();
  const deadline = Date.now() + timeoutMs;
  while (!state.listening && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return state.listening;
}

export function lookupCacheStats() {
  const s = state;
  const listenerPid = (s.client as unknown as { processID?: number } | null)?.processID ?? null;
  return {
    listening: s.listening,
    listenerPid,
    generation: s.generation,
    ...s.stats,
    sizes: Object.fromEntries([...sizes].map(([name, size]) => [name, size()])),
  };
}
