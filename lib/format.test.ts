import { describe, expect, it } from "vitest";
import { formatRoi } from "@/lib/format";

describe("formatRoi", () => {
  it("reads as a percentage up to 1,000 % and as a multiple beyond", () => {
    expect(formatRoi(2.4)).toBe("240 %");
    expect(formatRoi(-0.35)).toBe("-35 %");
    expect(formatRoi(0)).toBe("0 %");
    expect(formatRoi(9.994)).toBe("999 %");
    expect(formatRoi(10)).toBe("10×");
    expect(formatRoi(5763.52)).toBe("5,764×");
    expect(formatRoi(null)).toBe("—");
    expect(formatRoi(Number.POSITIVE_INFINITY)).toBe("—");
  });
});
