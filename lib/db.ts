import "server-only";
import type { Db } from "@/lib/db/create-client";
import { connections } from "@/lib/server/db";
import { evictTables } from "@/lib/gateway/hot-cache";

let extended: Db | undefined;

// Prisma model → table, for the tables the gateway's hot cache depends on.
const CACHED_TABLES: Record<string, string> = {
  ApiKey: "api_keys",
  App: "apps",
  Model: "models",
  ModelVersion: "model_versions",
  Team: "teams",
  AccessGrant: "access_grants",
  EgressRule: "egress_rules",
  HardwareRate: "hardware_rates",
  User: "users",
  TeamMember: "team_members",
};
const WRITES = /^(create|update|upsert|delete)/;

/**
 * Writes through this client evict the gateway's cache in this process as soon as the statement ran (so the
 * very next call after a revoke, a status change or a grant sees it); other processes hear of the commit
 * through NOTIFY (lib/gateway/hot-cache.ts). A query-only extension: the client's API and types are
 * unchanged, hence the cast back to Db.
 */
function withCacheEviction(client: Db): Db {
  return client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const result = await query(args);
          const table = CACHED_TABLES[model];
          if (table && WRITES.test(operation)) evictTables([table]);
          return result;
        },
      },
    },
  }) as unknown as Db;
}

function client(): Db {
  // The pool behind it is the process's one pool (lib/server/db.ts), which survives dev reloads.
  extended ??= withCacheEviction(connections().prisma);
  return extended;
}

/**
 * The one Prisma client of the process, created on first use (so `next build` needs no database).
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const value = Reflect.get(client(), property) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client()) : value;
  },
});
