// How a dashboard range is read: snapped to whole UTC hours (the current hour included in full: its roll-up row
// is kept seconds behind the calls), whole days from the daily roll-ups and the hours at either end from the
// hourly ones. Periods of a series are UTC hours, days or ISO weeks (starting Monday).

export type Interval = "hour" | "day" | "week";
export type Span = { from: Date; to: Date };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/** [from, to) widened to whole hours. */
export function snapToHours(from: Date, to: Date): Span {
  return { from: new Date(floorTo(from.getTime(), HOUR)), to: new Date(ceilTo(to.getTime(), HOUR)) };
}

/** An hour-aligned span as the whole days inside it (or null) and the hours left at its ends. */
export function daysAndHours(span: Span): { days: Span | null; hours: Span[] } {
  const from = span.from.getTime();
  const to = span.to.getTime();
  const dayFrom = ceilTo(from, DAY);
  const dayTo = floorTo(to, DAY);
  if (dayFrom >= dayTo) return { days: null, hours: from < to ? [span] : [] };
  const hours = [
    [from, dayFrom],
    [dayTo, to],
  ]
    .filter(([a, b]) => a < b)
    .map(([a, b]) => ({ from: new Date(a), to: new Date(b) }));
  return { days: { from: new Date(dayFrom), to: new Date(dayTo) }, hours };
}

/** The start of the period holding `ms` (epoch ms), as an ISO string without milliseconds. */
export function periodOf(ms: number, interval: Interval): string {
  const start =
    interval === "hour"
      ? floorTo(ms, HOUR)
      : interval === "day"
        ? floorTo(ms, DAY)
        : // 1970-01-01 was a Thursday: shift by 3 days so weeks start on Monday, like date_trunc('week').
          floorTo(ms + 3 * DAY, 7 * DAY) - 3 * DAY;
  return new Date(start).toISOString().replace(".000Z", "Z");
}
