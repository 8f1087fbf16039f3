import "server-only";
import { db } from "@/lib/db";

// Rates change rarely (a new row with a later effectiveFrom); the table is re-read once a minute.
const TTL_MS = 60_000;
type Rate = { hardwareClass: string; hourlyRateMicros: bigint; effectiveFrom: Date };
const holder = globalThis as unknown as { __modelportRates?: { at: number; rows: Promise<Rate[]> } };

function rates(): Promise<Rate[]> {
  const hit = holder.__modelportRates;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  const rows = db.hardwareRate.findMany({ select: { hardwareClass: true, hourlyRateMicros: true, effectiveFrom: true }, orderBy: { effectiveFrom: "desc" } });
  holder.__modelportRates = { at: Date.now(), rows };
  rows.catch(() => (holder.__modelportRates = undefined));
  return rows;
}

/** The hourly rate (micros) of a hardware class effective at a moment, or null when none is defined. */
export async function hardwareRateAt(hardwareClass: string, at: Date): Promise<bigint | null> {
  const match = (await rates()).find((r) => r.hardwareClass === hardwareClass && r.effectiveFrom <= at);
  return match?.hourlyRateMicros ?? null;
}

export function invalidateHardwareRates(): void {
  holder.__modelportRates = undefined;
}
