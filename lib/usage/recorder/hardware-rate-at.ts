import "server-only";
import { db } from "@/lib/server/db";
import { onTableChange } from "@/lib/server/lookup-cache";

// Rates change rarely (a new row with a later effectiveFrom); the table is re-read once a minute.
const TTL_MS = 60_000;
type Rate = { hardwareClass: string; hourlyRateMicros: bigint; effectiveFrom: Date };
let cached: { at: number; rows: Promise<Rate[]> } | undefined;

function rates(): Promise<Rate[]> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.rows;
  const rows = db.hardwareRate.findMany({
    select: { hardwareClass: true, hourlyRateMicros: true, effectiveFrom: true },
    orderBy: { effectiveFrom: "desc" },
  });
  cached = { at: Date.now(), rows };
  rows.catch(() => {
    if (cached?.rows === rows) cached = undefined;
  });
  return rows;
}

/** The hourly rate (micros) of a hardware class effective at a moment, or null when none is defined. */
export async function hardwareRateAt(hardwareClass: string, at: Date): Promise<bigint | null> {
  const match = (await rates()).find((r) => r.hardwareClass === hardwareClass && r.effectiveFrom <= at);
  return match?.hourlyRateMicros ?? null;
}

export function invalidateHardwareRates(): void {
  cached = undefined;
}
onTableChange("hardware_rates", invalidateHardwareRates);
