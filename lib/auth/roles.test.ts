import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "./roles";

describe("role permissions", () => {
  it("lets an admin do everything", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can("admin", permission)).toBe(true);
    }
  });

  it("keeps each persona to its own work", () => {
    expect(can("consumer", "models:publish")).toBe(false);
    expect(can("consumer", "versions:review")).toBe(false);
    expect(can("publisher", "models:publish")).toBe(true);
    expect(can("publisher", "versions:review")).toBe(false);
    expect(can("reviewer", "versions:review")).toBe(true);
    expect(can("executive", "roi:read")).toBe(true);
    expect(can("executive", "apps:manage")).toBe(false);
    expect(ROLES.filter((r) => can(r, "audit:read"))).toEqual(["admin"]);
  });
});
