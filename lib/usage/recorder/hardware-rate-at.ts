import "server-only";
import { db } from "@/lib/server/db";
import { lookupCache } from "@/lib/server/lookup-cache";

// Rates change rarely (a new row with a later effectiveFrom); the table is read once a minute at most, and
// again at once after any change to it (lib/server/lookup-cache.ts).
const cached = lookupCache({ name: "hardware-rates", tables: ["hardware_rates"], ttlMs: () => 60_000 });

type Rate = { hardwareClass: string; hourlyRateMicros: bigint; effectiveFrom: Date };
const rates = (): Promise<Rate[]> =>
  cached("all", () =>
    db.hardwareRate.findMany({
      select: { hardwareClass: true, hourlyRateMicros: true, effectiveFrom: true },
      orderBy: { effectiveFrom: "desc" },
    }),
  );

/** The hourly rate (micros) of a hardware class effective at a moment, or null when none is defined. */
export async function hardwareRateAt(hardwareClass: string, at: Date): Promise<bigint | null> {
  const match = (await rates()).find((r) => r.hardwareClass === hardwareClass && r.effectiveFrom <= at);
  return match?.hourlyRateMicros ?? null;
}
