import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/\\evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\t/evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/models", "/"],
    ["javascript:alert(1)", "/"],
    ["http://localhost:3000.evil.example/", "/"],
    ["", "/"],
    [undefined, "/"],
  ])("refuses %j", (target, expected) => {
    expect(safeCallbackPath(target, "http://localhost:3000")).toBe(expected);
  });

  it.each([
    ["/models?q=iris#versions", "/models?q=iris#versions"],
    ["/apps", "/apps"],
    ["http://localhost:3000/dashboards/roi?from=2026-01-01", "/dashboards/roi?from=2026-01-01"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-origin path of %j", (target, expected) => {
    expect(safeCallbackPath(target, "http://localhost:3000")).toBe(expected);
  });

  it("without a known origin, keeps relative paths only", () => {
    expect(safeCallbackPath("/models")).toBe("/models");
    expect(safeCallbackPath("http://localhost:3000/models")).toBe("/");
  });
});
