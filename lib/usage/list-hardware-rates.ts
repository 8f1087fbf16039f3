import "server-only";
import { db } from "@/lib/server/db";

/** Every hardware rate, newest effective date first per class (history is kept: rates are never edited). */
export async function listHardwareRates() {
  return db.hardwareRate.findMany({
    orderBy: [{ hardwareClass: "asc" }, { effectiveFrom: "desc" }],
    select: {
      id: true,
      hardwareClass: true,
      hourlyRateMicros: true,
      effectiveFrom: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
  });
}
