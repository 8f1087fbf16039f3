import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiDocument } from "@/app/api/openapi-document";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every (method, OpenAPI path) that a route file under app/ (/api, and doors such as /v1) declares with defineRoute. */
function routeFiles(dir = path.join(process.cwd(), "app")): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const source = readFileSync(full, "utf8");
        if (!source.includes("defineRoute(")) continue;
        const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(full)).split(path.sep).join("/");
        const apiPath = "/" + rel.replace(/\[([^\]]+)\]/g, "{$1}");
        for (const m of METHODS) {
          if (new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(source))
            out.push({ method: m.toLowerCase(), path: apiPath });
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe("OpenAPI document", () => {
  it("documents every declared API route (app/api/openapi-document.ts loads them all), and nothing that does not exist", () => {
    const doc = apiDocument();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    const existing = routeFiles().map((r) => `${r.method} ${r.path}`);
    expect(existing.length).toBeGreaterThan(25);
    expect(existing).toContain("get /api/health");
    expect(existing.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !existing.includes(r))).toEqual([]);
  });

  it("is OpenAPI 3.1 with the shared error shape and both auth schemes", () => {
    const doc = apiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["apiKey", "session"]);
    expect(doc.paths["/api/health"]?.get).toBeDefined();
  });

  it("declares the multipart ONNX upload, the CSV exports and the response headers the API sends", () => {
    type Op = {
      requestBody?: {
        content: Record<string, { schema: { properties?: Record<string, { contentMediaType?: string }> }; encoding?: unknown }>;
      };
      responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
    };
    const doc = apiDocument() as unknown as {
      paths: Record<string, Record<string, Op>>;
      components: { headers: Record<string, unknown> };
    };
    const upload = doc.paths["/api/v1/models/{owner}/{name}/versions"].post.requestBody!.content;
    expect(Object.keys(upload)).toEqual(["application/json", "multipart/form-data"]);
    expect(upload["multipart/form-data"].schema.properties?.file.contentMediaType).toBe("application/octet-stream");
    expect(upload["multipart/form-data"].encoding).toEqual({ file: { contentType: "application/octet-stream" } });
    for (const p of ["/api/v1/chargeback", "/api/v1/audit"]) {
      expect(Object.keys(doc.paths[p].get.responses[200].content ?? {})).toEqual(["application/json", "text/csv"]);
      expect(doc.paths[p].get.responses[200].headers).toHaveProperty("Content-Disposition");
    }
    for (const p of ["/api/v1/models/{owner}/{name}/invoke", "/api/v1/models/{owner}/{name}/versions/{version}/invoke"]) {
      const { responses } = doc.paths[p].post;
      expect(Object.keys(responses[200].headers ?? {})).toEqual([
        "X-Request-Id",
        "Server-Timing",
        "RateLimit-Policy",
        "RateLimit",
        "Deprecation",
        "Sunset",
        "Link",
      ]);
      expect(Object.keys(responses[429].headers ?? {})).toEqual(expect.arrayContaining(["Retry-After", "RateLimit-Policy", "RateLimit"]));
    }
    // Every /api/v1 answer carries X-Request-Id and every 429 Retry-After; each header referenced is defined.
    for (const [p, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith("/api/v1/"))) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, r] of Object.entries(op.responses)) {
          expect(r.headers, `${method} ${p} ${status}`).toHaveProperty("X-Request-Id");
          if (status === "429") expect(r.headers, `${method} ${p} 429`).toHaveProperty("Retry-After");
          for (const name of Object.keys(r.headers ?? {})) expect(doc.components.headers).toHaveProperty(name);
        }
      }
    }
  });
});
