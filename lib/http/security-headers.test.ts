import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, newNonce, pageCsp, pageSecurityHeaders } from "@/lib/http/security-headers";

describe("security headers", () => {
  it("send HSTS only when the public URL is https", () => {
    expect(apiSecurityHeaders("http://localhost:3000")).not.toHaveProperty("strict-transport-security");
    expect(apiSecurityHeaders(undefined)).not.toHaveProperty("strict-transport-security");
    expect(apiSecurityHeaders("https://models.example.com")["strict-transport-security"]).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(pageSecurityHeaders("n", { publicUrl: "https://models.example.com" })).toHaveProperty("strict-transport-security");
    expect(pageSecurityHeaders("n", { publicUrl: "http://10.0.0.5:3000" })).not.toHaveProperty("strict-transport-security");
  });

  it("forbid sniffing, framing and running anything in API answers", () => {
    expect(apiSecurityHeaders("http://x")).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "content-security-policy": expect.stringMatching(/^default-src 'none';.*frame-ancestors 'none'/),
    });
  });

  it("let pages run only scripts with this request's nonce, and Monaco's workers", () => {
    const csp = pageCsp("abc123", { publicUrl: "http://localhost:3000" });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(pageCsp("n", { publicUrl: "https://m.example.com" })).toContain("upgrade-insecure-requests");
    expect(pageCsp("n", { dev: true })).toContain("'unsafe-eval'");
  });

  it("draw a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
