// Every API route file answers the methods it does not implement with 405 + Allow in the public error
// shape (the OIP door in its protocol's error form), and paths no route matches with a JSON 404. The OpenAPI document says which methods each path has
// (lib/openapi/document.test.ts proves it matches the route files), so routes added later are covered too.
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { apiDocument } from "@/app/api/openapi-document";
import { allowHeader, methodsNotAllowed, ROUTE_METHODS } from "@/lib/http/route-fallbacks";

type RouteModule = Partial<
  Record<string, (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>>
>;

const documented = Object.entries(apiDocument().paths).map(([apiPath, ops]) => ({
  apiPath,
  methods: Object.keys(ops).map((m) => m.toUpperCase()),
  file: path.join(
    process.cwd(),
    "app",
    ...apiPath
      .split("/")
      .filter(Boolean)
      .map((s) => s.replace(/^\{(.+)\}$/, "[$1]")),
    "route.ts",
  ),
}));

function request(method: string, url: string) {
  return new NextRequest(`http://localhost${url}`, { method });
}

async function expectErrorShape(res: Response, status: number, code: string, url = "/api") {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  if (url.startsWith("/oip/")) {
    // The Open Inference Protocol door answers in the protocol's own error form: {"error": "<message>"}.
    const oip = (await res.json()) as { error: unknown };
    expect(oip.error).toEqual(expect.any(String));
    expect(res.headers.get("x-request-id")).toEqual(expect.any(String));
    return;
  }
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
}

describe("405 for methods a route does not implement", () => {
  it.each(documented)("$apiPath answers every other method with 405 and Allow", async ({ apiPath, methods, file }) => {
    const mod = (await import(file)) as RouteModule;
    const url = apiPath.replace(/\{[^}]+\}/g, "x");
    for (const method of ROUTE_METHODS.filter((m) => !methods.includes(m) && !(m === "HEAD" && methods.includes("GET")))) {
      const handler = mod[method];
      expect(handler, `${file} must export ${method} (methodsNotAllowed)`).toBeTypeOf("function");
      const res = await handler!(request(method, url), { params: Promise.resolve({}) });
      await expectErrorShape(res, 405, "method_not_allowed", url);
      expect(res.headers.get("allow")).toBe(allowHeader(methods));
    }
  });

  it("lists HEAD with GET and always OPTIONS, and never answers an implemented method", async () => {
    expect(allowHeader(["POST", "GET"])).toBe("GET, HEAD, POST, OPTIONS");
    expect(allowHeader(["DELETE", "PATCH"])).toBe("PATCH, DELETE, OPTIONS");
    const handlers = methodsNotAllowed({ GET: () => new Response("ok") });
    expect(Object.keys(handlers).sort()).toEqual(["DELETE", "PATCH", "POST", "PUT"]);
    const res = handlers.PUT(request("PUT", "/api/v1/things"));
    await expectErrorShape(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("404 for paths no route matches", () => {
  it.each(["GET", "POST", "DELETE", "OPTIONS"])("%s on an unknown /api path answers the JSON error shape", async (method) => {
    const mod = (await import("@/app/api/[...path]/route")) as RouteModule;
    const res = await mod[method]!(request(method, "/api/v1/no-such-thing/at/all"), { params: Promise.resolve({}) });
    await expectErrorShape(res, 404, "not_found");
  });
});
