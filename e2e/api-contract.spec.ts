import { expect, test, type APIResponse } from "@playwright/test";

// The API's contract against the running portal: unknown paths answer 404 and unimplemented methods 405
// with Allow, both in the public error shape, for every path of the OpenAPI document (so routes added later
// are held to it too).

type OpenApi = { paths: Record<string, Record<string, unknown>> };
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

async function expectError(res: APIResponse, status: number, code: string) {
  expect(res.status(), `${res.url()}`).toBe(status);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toMatchObject({ code, message: expect.any(String), requestId: res.headers()["x-request-id"] });
}

test("unknown /api paths answer 404 in the JSON error shape, whatever the method", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/v1/no-such-thing"],
    ["POST", "/api/v1/models/a/b/c/d/e"],
    ["DELETE", "/api/v1/models/only-an-owner"],
    ["GET", "/api/v2/models"],
    ["PUT", "/api/nothing-here"],
  ] as const) {
    const res = await request.fetch(path, { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
    await expectError(res, 404, "not_found");
  }
});

test("every documented path answers the methods it does not have with 405 and Allow", async ({ request }) => {
  const doc = (await (await request.get("/api/openapi.json")).json()) as OpenApi;
  const paths = Object.entries(doc.paths);
  expect(paths.length).toBeGreaterThan(15);
  for (const [template, ops] of paths) {
    const documented = Object.keys(ops).map((m) => m.toUpperCase());
    const allowed = new Set([...documented, ...(documented.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
    const path = template.replace(/\{[^}]+\}/g, "x");
    for (const method of METHODS.filter((m) => !allowed.has(m))) {
      const res = await request.fetch(path, { method, headers: { authorization: "Bearer mp_not_a_key" } });
      expect(res.status(), `${method} ${template}`).toBe(405);
      expect(res.headers()["allow"]?.split(", ").sort(), `${method} ${template}`).toEqual([...allowed].sort());
      if (method === "HEAD") continue;
      if (template.startsWith("/oip/")) {
        // The Open Inference Protocol's own error form, so its clients can read it: {"error": "<message>"}.
        const body = (await res.json()) as { error: unknown };
        expect(Object.keys(body), `${method} ${template}`).toEqual(["error"]);
        expect(body.error).toEqual(expect.any(String));
        expect(res.headers()["x-request-id"]).toBeTruthy();
      } else await expectError(res, 405, "method_not_allowed");
    }
  }
});
