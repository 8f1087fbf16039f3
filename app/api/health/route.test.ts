import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/server/embedded-postgres";

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
    // A fresh module graph on a database URL where nothing listens (lib/server/db.ts keeps connections by URL).
    const { vi } = await import("vitest");
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`;
    try {
      const { GET } = await import("./route");
      const res = await GET(...get());
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toEqual({ status: "degraded", database: "unreachable", message: expect.stringContaining("database") });
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      // The fresh graph's env still reads the unreachable URL: this ends the pool the route opened on it.
      await (await import("@/lib/server/db")).pool().end();
      process.env.DATABASE_URL = saved;
    }
  });
});
