import { describe, expect, it } from "vitest";
import { splitRange, type Span } from "./time-segments";

const d = (s: string) => new Date(s);
const total = (spans: Span[]) => spans.reduce((n, s) => n + (s.to.getTime() - s.from.getTime()), 0);

describe("splitRange", () => {
  it("covers a mid-hour range exactly once with days, hours and raw edges", () => {
    const from = d("2026-03-01T10:17:00Z");
    const to = d("2026-03-05T08:45:30Z");
    const s = splitRange(from, to, "day");
    expect(s.raw).toEqual([{ from, to: d("2026-03-01T11:00:00Z") }, { from: d("2026-03-05T08:00:00Z"), to }]);
    expect(s.daily).toEqual([{ from: d("2026-03-02T00:00:00Z"), to: d("2026-03-05T00:00:00Z") }]);
    expect(s.hourly).toEqual([
      { from: d("2026-03-01T11:00:00Z"), to: d("2026-03-02T00:00:00Z") },
      { from: d("2026-03-05T00:00:00Z"), to: d("2026-03-05T08:00:00Z") },
    ]);
    expect(total([...s.raw, ...s.daily, ...s.hourly])).toBe(to.getTime() - from.getTime());
  });

  it("uses only raw rows inside one hour, and no daily rows for hourly series", () => {
    expect(splitRange(d("2026-03-01T10:10:00Z"), d("2026-03-01T10:50:00Z")).raw).toHaveLength(1);
    const s = splitRange(d("2026-03-01T00:00:00Z"), d("2026-03-04T00:00:00Z"), "hour");
    expect(s.daily).toEqual([]);
    expect(s.raw).toEqual([]);
    expect(s.hourly).toEqual([{ from: d("2026-03-01T00:00:00Z"), to: d("2026-03-04T00:00:00Z") }]);
  });

  it("returns nothing for an empty range", () => {
    expect(splitRange(d("2026-03-02T00:00:00Z"), d("2026-03-01T00:00:00Z"))).toEqual({ daily: [], hourly: [], raw: [] });
  });
});
