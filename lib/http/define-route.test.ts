// defineRoute: the declaration is both what the OpenAPI document shows and what the wrapper enforces —
// the permission for sessions, anonymous callers only where declared, and params, query and JSON body parsed
// with the declared schemas (400 / 413 in the public error shape) before the handler runs.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/current-user";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { openApiDocument } from "@/lib/openapi/document";
import { registeredRoutes } from "@/lib/openapi/registry";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));

const person = (role: SessionUser["role"]): SessionUser => ({ id: "u1", email: "u@example.test", name: "U", role, teamIds: ["t1"] });

let handled: unknown[] = [];
const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/things/{id}",
    summary: "A thing",
    tags: ["test"],
    permission: "models:publish",
    params: z.object({ id: z.uuid() }),
    query: z.object({ n: z.coerce.number().int().max(10).default(1) }),
    body: z.object({ name: z.string().min(1) }),
    bodyLimit: 100,
    responses: { 200: { description: "The thing", schema: z.object({ id: z.string() }) } },
  },
  async (ctx) => {
    handled.push({ params: ctx.params, query: ctx.query, body: ctx.body, userId: ctx.principal?.userId });
    return json({ id: ctx.params.id });
  },
);
const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/things",
    summary: "Things",
    tags: ["test"],
    permission: "catalog:read",
    anonymous: true,
    responses: { 200: { description: "Things" } },
  },
  async ({ caller }) => json({ caller: caller.kind }),
);

const ID = "6f1c1d52-43a4-4b5e-9a55-0d9b1b0f4c11";
async function call(handler: typeof POST, url: string, init: { body?: string; method?: string; params?: Record<string, string> } = {}) {
  const req = new NextRequest(`http://localhost${url}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json" },
    body: init.body,
  });
  const res = await handler(req, { params: Promise.resolve(init.params ?? { id: ID }) });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; requestId: string } },
    requestId: res.headers.get("x-request-id"),
  };
}

describe("defineRoute", () => {
  it("registers the declaration it enforces; the document derives security from the permission", () => {
    const doc = openApiDocument(registeredRoutes()) as unknown as { paths: Record<string, Record<string, { security: unknown[] }>> };
    expect(doc.paths["/api/v1/things/{id}"].post.security).toEqual([{ session: [] }, { apiKey: ["publish"] }]);
    expect(doc.paths["/api/v1/things"].get.security).toEqual([{ session: [] }, { apiKey: ["read"] }, {}]);
  });

  it("answers 401 without a session or key unless anonymous callers are declared, 403 when the role lacks the permission", async () => {
    handled = [];
    sessionUser = null;
    expect((await call(POST, `/api/v1/things/${ID}`, { body: '{"name":"x"}' })).status).toBe(401);
    expect((await call(GET, "/api/v1/things", { method: "GET" })).body).toEqual({ caller: "anonymous" });
    sessionUser = person("consumer");
    const refused = await call(POST, `/api/v1/things/${ID}`, { body: '{"name":"x"}' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.requestId).toBe(refused.requestId);
    expect(handled).toEqual([]);
  });

  it("hands the handler parsed params, query and body, and refuses bad ones with 400 or 413 before it runs", async () => {
    handled = [];
    sessionUser = person("publisher");
    const ok = await call(POST, `/api/v1/things/${ID}?n=3`, { body: '{"name":"x","extra":1}' });
    expect(ok.status).toBe(200);
    expect(handled).toEqual([{ params: { id: ID }, query: { n: 3 }, body: { name: "x" }, userId: "u1" }]);
    const codes = [
      await call(POST, "/api/v1/things/nope", { body: '{"name":"x"}', params: { id: "nope" } }),
      await call(POST, `/api/v1/things/${ID}?n=11`, { body: '{"name":"x"}' }),
      await call(POST, `/api/v1/things/${ID}`, { body: '{"name":""}' }),
      await call(POST, `/api/v1/things/${ID}`, { body: "{nope" }),
      await call(POST, `/api/v1/things/${ID}`, { body: JSON.stringify({ name: "x".repeat(200) }) }),
    ].map((r) => `${r.status} ${r.body.error?.code}`);
    expect(codes).toEqual([
      "400 validation_failed",
      "400 validation_failed",
      "400 validation_failed",
      "400 malformed_json",
      "413 payload_too_large",
    ]);
    expect(handled).toHaveLength(1);
  });
});
