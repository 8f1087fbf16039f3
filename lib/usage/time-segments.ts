// How an arbitrary [from, to) range is answered exactly: whole UTC days from usage_daily, whole hours from
// usage_hourly, and the partial edge hours (a range starting or ending mid-hour) from raw invocations.

export type Interval = "hour" | "day" | "week";
export type Span = { from: Date; to: Date };
export type Segments = { daily: Span[]; hourly: Span[]; raw: Span[] };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const floorTo = (d: Date, step: number) => new Date(Math.floor(d.getTime() / step) * step);
const ceilTo = (d: Date, step: number) => new Date(Math.ceil(d.getTime() / step) * step);
const span = (from: Date, to: Date): Span[] => (from < to ? [{ from, to }] : []);

/**
 * Splits [from, to) into the cheapest exact sources. Daily rows are skipped for hourly series (a day row
 * cannot be split into hours). All boundaries are UTC.
 */
export function splitRange(from: Date, to: Date, interval: Interval = "day"): Segments {
  if (!(from < to)) return { daily: [], hourly: [], raw: [] };
  const hourStart = ceilTo(from, HOUR);
  const hourEnd = floorTo(to, HOUR);
  if (!(hourStart < hourEnd)) return { daily: [], hourly: [], raw: [{ from, to }] };
  const raw = [...span(from, hourStart), ...span(hourEnd, to)];
  const dayStart = ceilTo(hourStart, DAY);
  const dayEnd = floorTo(hourEnd, DAY);
  if (interval === "hour" || !(dayStart < dayEnd)) return { daily: [], hourly: [{ from: hourStart, to: hourEnd }], raw };
  return { daily: [{ from: dayStart, to: dayEnd }], hourly: [...span(hourStart, dayStart), ...span(dayEnd, hourEnd)], raw };
}
