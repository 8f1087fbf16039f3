import "server-only";
import { db } from "@/lib/server/db";

export type Health = { status: "ok"; database: "ok" } | { status: "degraded"; database: "unreachable"; message: string };

/** Liveness plus database reachability, with a short timeout so a hung database does not hang the probe. */
export async function checkHealth(timeoutMs = 2000): Promise<Health> {
  try {
    await Promise.race([db.$queryRaw`SELECT 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs))]);
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "degraded", database: "unreachable", message: "The database cannot be reached; the portal cannot serve requests." };
  }
}
