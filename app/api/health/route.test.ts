import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded";

const get = () => [new NextRequest("http://localhost/api/health"), { params: Promise.resolve({}) }] as const;

describe("GET /api/health", () => {
  it("answers ok when the database is reachable", async () => {
    const { GET } = await import("./route");
    const res = await GET(...get());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});

describe("GET /api/health with the database down", () => {
  it("answers 503 with a clear body, no stack trace", async () => {
    // A fresh module graph whose connections (kept on globalThis by lib/server/db.ts) point at a port where nothing listens.
    const { vi } = await import("vitest");
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    const holder = globalThis as { __modelportConnections?: { pool: { end(): Promise<void> } } };
    const kept = holder.__modelportConnections;
    holder.__modelportConnections = undefined;
    process.env.DATABASE_URL = `postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`;
    try {
      const { GET } = await import("./route");
      const res = await GET(...get());
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toEqual({ status: "degraded", database: "unreachable", message: expect.stringContaining("database") });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      process.env.DATABASE_URL = saved;
      // (Opened by the route above; TypeScript still sees the undefined assigned before it.)
      await (holder.__modelportConnections as typeof kept)?.pool.end();
      holder.__modelportConnections = kept;
    }
  });
});
