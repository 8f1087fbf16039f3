import "server-only";
import { createPrismaClient, type Db } from "@/lib/db/create-client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { prisma?: Db };

/** The one Prisma client of the process (cached on globalThis so dev reloads do not leak pools). */
export const db: Db = globalForPrisma.prisma ?? createPrismaClient(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
globalForPrisma.prisma = db;
