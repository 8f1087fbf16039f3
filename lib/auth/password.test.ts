import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("modelport");
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(hash).not.toContain("modelport");
    await expect(verifyPassword("modelport", hash)).resolves.toBe(true);
    await expect(verifyPassword("Modelport", hash)).resolves.toBe(false);
    await expect(verifyPassword("", hash)).resolves.toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    await expect(verifyPassword("same", b)).resolves.toBe(true);
  });
});
