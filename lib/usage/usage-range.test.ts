import { describe, expect, it } from "vitest";
import { daysAndHours, periodOf, snapToHours } from "./usage-range";

const d = (s: string) => new Date(s);

describe("usage ranges", () => {
  it("widens a range to whole hours, keeping whole hours as they are", () => {
    expect(snapToHours(d("2026-03-03T05:17:13Z"), d("2026-03-05T13:43:00Z"))).toEqual({
      from: d("2026-03-03T05:00:00Z"),
      to: d("2026-03-05T14:00:00Z"),
    });
    expect(snapToHours(d("2026-03-03T05:00:00Z"), d("2026-03-03T06:00:00Z"))).toEqual({
      from: d("2026-03-03T05:00:00Z"),
      to: d("2026-03-03T06:00:00Z"),
    });
  });

  it("reads whole days from the daily roll-ups and the ends from the hourly ones", () => {
    expect(daysAndHours({ from: d("2026-03-03T05:00:00Z"), to: d("2026-03-05T14:00:00Z") })).toEqual({
      days: { from: d("2026-03-04T00:00:00Z"), to: d("2026-03-05T00:00:00Z") },
      hours: [
        { from: d("2026-03-03T05:00:00Z"), to: d("2026-03-04T00:00:00Z") },
        { from: d("2026-03-05T00:00:00Z"), to: d("2026-03-05T14:00:00Z") },
      ],
    });
    expect(daysAndHours({ from: d("2026-03-03T00:00:00Z"), to: d("2026-03-05T00:00:00Z") })).toEqual({
      days: { from: d("2026-03-03T00:00:00Z"), to: d("2026-03-05T00:00:00Z") },
      hours: [],
    });
    expect(daysAndHours({ from: d("2026-03-03T05:00:00Z"), to: d("2026-03-03T09:00:00Z") })).toEqual({
      days: null,
      hours: [{ from: d("2026-03-03T05:00:00Z"), to: d("2026-03-03T09:00:00Z") }],
    });
    expect(daysAndHours({ from: d("2026-03-03T23:00:00Z"), to: d("2026-03-04T01:00:00Z") }).days).toBeNull();
  });

  it("names periods by their UTC start; weeks start on Monday", () => {
    const t = d("2026-03-05T13:43:21.500Z").getTime(); // a Thursday
    expect(periodOf(t, "hour")).toBe("2026-03-05T13:00:00Z");
    expect(periodOf(t, "day")).toBe("2026-03-05T00:00:00Z");
    expect(periodOf(t, "week")).toBe("2026-03-02T00:00:00Z");
    expect(periodOf(d("2026-03-02T00:00:00Z").getTime(), "week")).toBe("2026-03-02T00:00:00Z");
    expect(periodOf(d("2026-03-01T23:59:59Z").getTime(), "week")).toBe("2026-02-23T00:00:00Z");
  });
});
