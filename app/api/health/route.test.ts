import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded";

describe("GET /api/health", () => {
  it("answers ok when the database is reachable", async () => {
    const { GET } = await import("./route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});

describe("GET /api/health with the database down", () => {
  it("answers 503 with a clear body, no stack trace", async () => {
    // A fresh module graph whose Prisma client points at a port where nothing listens.
    const { vi } = await import("vitest");
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    (globalThis as { __modelportConnections?: unknown }).__modelportConnections = undefined;
    process.env.DATABASE_URL = `postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`;
    try {
      const { GET } = await import("./route");
      const res = await GET();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toEqual({ status: "degraded", database: "unreachable", message: expect.stringContaining("database") });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      process.env.DATABASE_URL = saved;
      (globalThis as { __modelportConnections?: unknown }).__modelportConnections = undefined;
      vi.resetModules();
    }
  });
});
