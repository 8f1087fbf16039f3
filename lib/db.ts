import "server-only";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { prisma?: Db };

function client(): Db {
  // Cached on globalThis so dev reloads do not leak connection pools.
  globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
  return globalForPrisma.prisma;
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
