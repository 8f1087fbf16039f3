import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every (method, OpenAPI path) that a route file under app/api/v1 exports. */
function routeFiles(dir = path.join(process.cwd(), "app", "api", "v1")): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const source = readFileSync(full, "utf8");
        const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(full)).split(path.sep).join("/");
        const apiPath = "/" + rel.replace(/\[([^\]]+)\]/g, "{$1}");
        for (const m of METHODS) {
          if (new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(source)) out.push({ method: m.toLowerCase(), path: apiPath });
        }
      }
    }
  };
  try {
    walk(dir);
  } catch {
    // no v1 routes yet
  }
  return out;
}

describe("OpenAPI document", () => {
  it("documents every /api/v1 route that exists, and nothing that does not", () => {
    const doc = openApiDocument();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).filter((r) => r.includes("/api/v1/"));
    const existing = routeFiles().map((r) => `${r.method} ${r.path}`);
    expect(existing.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !existing.includes(r))).toEqual([]);
  });

  it("is OpenAPI 3.1 with the shared error shape and both auth schemes", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["apiKey", "session"]);
    expect(doc.paths["/api/health"]?.get).toBeDefined();
  });
});
