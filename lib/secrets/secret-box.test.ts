import { describe, expect, it } from "vitest";
import { isSealed, keyring, keyringOf, needsReseal, openSecret, sealSecret } from "@/lib/secrets/secret-box";

describe("secret box (AES-256-GCM)", () => {
  const ring = keyringOf("current-key-current-key-current-key", undefined);

  it("seals so the stored text reveals nothing, and opens it again; every seal differs", () => {
    const a = sealSecret("Bearer s3cret-token", ring);
    const b = sealSecret("Bearer s3cret-token", ring);
    expect(a).toMatch(/^enc:v1:[\w-]{10}:[\w-]+$/);
    expect(a).not.toContain("s3cret");
    expect(a).not.toBe(b);
    expect(openSecret(a, ring)).toBe("Bearer s3cret-token");
    expect(openSecret(sealSecret("", ring), ring)).toBe("");
    expect(openSecret(sealSecret("é 😀", ring), ring)).toBe("é 😀");
  });

  it("refuses a tampered value or one no configured key opens with 503, never garbage", () => {
    const sealed = sealSecret("value", ring);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(() => openSecret(flipped, ring)).toThrow(expect.objectContaining({ code: "service_unavailable", status: 503 }));
    expect(() => openSecret(sealed, keyringOf("another-key-another-key-another", undefined))).toThrow(
      expect.objectContaining({ code: "service_unavailable" }),
    );
    expect(() => openSecret("enc:v1:short:AAAA", ring)).toThrow(expect.objectContaining({ code: "service_unavailable" }));
    expect(() => sealSecret("x", keyringOf(undefined, undefined))).toThrow(expect.objectContaining({ code: "service_unavailable" }));
  });

  it("rotates: previous keys still open old values, which then need re-sealing; legacy plaintext reads as it is", () => {
    const old = keyringOf("old-key-old-key-old-key-old-key", undefined);
    const rotated = keyringOf("new-key-new-key-new-key-new-key", "unused-key-unused-key, old-key-old-key-old-key-old-key");
    const sealedOld = sealSecret("legacy value", old);
    expect(openSecret(sealedOld, rotated)).toBe("legacy value");
    expect(needsReseal(sealedOld, rotated)).toBe(true);
    expect(needsReseal(sealSecret("x", rotated), rotated)).toBe(false);
    expect(isSealed("plain text")).toBe(false);
    expect(openSecret("plain text", rotated)).toBe("plain text");
    expect(needsReseal("plain text", rotated)).toBe(true);
  });

  it("derives the process's keyring once from the environment", () => {
    expect(keyring()).toBe(keyring());
    expect(keyring().current).not.toBeNull();
  });
});
