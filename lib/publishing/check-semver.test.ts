import { describe, expect, it } from "vitest";
import { parseSemver } from "@/lib/publishing/check-semver";

describe("parseSemver", () => {
  it("refuses parts above the integer column's range with 422 invalid_semver", () => {
    expect(parseSemver("1.2.2147483647").patch).toBe(2147483647);
    for (const v of ["1.2.3000000000", "2147483648.0.0", "0.4294967296.1"]) {
      expect(() => parseSemver(v)).toThrow(expect.objectContaining({ code: "invalid_semver", status: 422 }));
    }
  });
});
