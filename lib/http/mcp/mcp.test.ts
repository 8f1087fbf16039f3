// The MCP door as an agent meets it: the official SDK's Client over Streamable HTTP against the real route
// (app/mcp/route.ts) served over HTTP, with real keys, the iris ONNX model and a real PostgreSQL.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db, kdb } from "@/lib/server/db";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { serveFetch } from "@/test/serve-fetch";

const route = await import("@/app/mcp/route");
const { GET: usageGET } = await import("@/app/api/v1/usage/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  exampleOutputLabel: number;
  inputSchema: object;
  outputSchema: object;
};

let served: Awaited<ReturnType<typeof serveFetch>>;
const clients: Client[] = [];
beforeAll(async () => {
  served = await serveFetch("/mcp", { POST: route.POST, GET: route.GET, DELETE: route.DELETE });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await served?.close();
});

async function connect(secret: string): Promise<Client> {
  const client = new Client({ name: "modelport-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(served.url), { requestInit: { headers: { authorization: `Bearer ${secret}` } } }),
  );
  clients.push(client);
  return client;
}

const textOf = (result: unknown) => (result as CallToolResult).content.map((c) => (c.type === "text" ? c.text : "")).join("");
const jsonOf = <T>(result: unknown) => JSON.parse(textOf(result)) as T;

async function irisModel(visibility: "public" | "gated" = "public") {
  const m = await createModel({ visibility });
  await db.model.update({ where: { id: m.model.id }, data: { slug: `${m.owner}/${m.name}` } }); // as the portal names it
  await createVersion(m.model.id, {
    version: "1.0.0",
    status: "approved",
    inputSchema: iris.inputSchema,
    outputSchema: iris.outputSchema,
    exampleInput: iris.exampleInput as object,
  });
  return m;
}

describe("MCP door", () => {
  it("refuses a call without a key or with a bad one, in JSON-RPC form with the error code and request id", async () => {
    const init = {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    };
    const none = await fetch(served.url, init);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = (await none.json()) as { jsonrpc: string; error: { code: number; data: { code: string; requestId: string } } };
    expect(body.jsonrpc).toBe("2.0");
    expect(body.error.data.code).toBe("unauthenticated");
    expect(body.error.data.requestId).toBe(none.headers.get("x-request-id"));
    const bad = await fetch(served.url, { ...init, headers: { ...init.headers, authorization: "Bearer mp_00000000_nope" } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { data: { code: string } } }).error.data.code).toBe("invalid_api_key");
    await expect(connect("mp_00000000_nope")).rejects.toThrow();
  });

  it("lists only the tools the key's scopes allow", async () => {
    const full = await createAppWithKey({ scopes: ["invoke", "read"] });
    const readOnly = await createAppWithKey({ scopes: ["read"] });
    const names = async (secret: string) => (await (await connect(secret)).listTools()).tools.map((t) => t.name).sort();
    expect(await names(full.secret)).toEqual(["get_model", "get_snippet", "invoke_model", "list_my_apps", "search_models"]);
    expect(await names(readOnly.secret)).toEqual(["get_snippet", "list_my_apps"]);
    const client = await connect(readOnly.secret);
    const refused = await client.callTool({ name: "invoke_model", arguments: { owner: "x", name: "y", input: {} } });
    expect(refused.isError).toBe(true);
    // The input schema is the API's: invoke_model takes owner, name, version and input.
    const invoke = (await (await connect(full.secret)).listTools()).tools.find((t) => t.name === "invoke_model")!;
    expect(Object.keys(invoke.inputSchema.properties ?? {}).sort()).toEqual(["input", "name", "owner", "version"]);
  });

  it("searches the catalog, reads a model and its card resource, and invokes iris — recorded with channel mcp", async () => {
    const { model, owner, name } = await irisModel();
    const { key, secret, app } = await createAppWithKey({ scopes: ["invoke", "read"] });
    const client = await connect(secret);

    const found = jsonOf<{ items: { slug: string }[]; total: number }>(
      await client.callTool({ name: "search_models", arguments: { q: name, team: owner } }),
    );
    expect(found.items.map((i) => i.slug)).toEqual([`${owner}/${name}`]);

    const detail = jsonOf<{ versions: { version: string; inputSchema: unknown }[] }>(
      await client.callTool({ name: "get_model", arguments: { owner, name } }),
    );
    expect(detail.versions.map((v) => v.version)).toEqual(["1.0.0"]);
    expect(detail.versions[0].inputSchema).toEqual(iris.inputSchema);

    const card = await client.readResource({ uri: `modelport://models/${owner}/${name}` });
    expect(card.contents[0].mimeType).toBe("text/markdown");
    expect("text" in card.contents[0] ? card.contents[0].text : "").toContain(`# ${name} (\`${owner}/${name}\`)`);

    const result = await client.callTool({ name: "invoke_model", arguments: { owner, name, version: "^1", input: iris.exampleInput } });
    expect(result.isError).toBeFalsy();
    const out = jsonOf<{ output: { label: number[] }; version: string; requestId: string }>(result);
    expect(out.version).toBe("1.0.0");
    expect(out.output.label[0]).toBe(iris.exampleOutputLabel);
    const row = await db.invocation.findFirst({ where: { requestId: out.requestId } });
    expect(row).toMatchObject({ modelId: model.id, channel: "mcp", statusCode: 200, apiKeyId: key.id, appId: app.id, userId: null });
  });

  it("refuses a gated model the key's app has no access to, with the API's error, and records the refusal", async () => {
    const { model, owner, name } = await irisModel("gated");
    const { secret } = await createAppWithKey({ scopes: ["invoke"] });
    const client = await connect(secret);
    const result = await client.callTool({ name: "invoke_model", arguments: { owner, name, input: iris.exampleInput } });
    expect(result.isError).toBe(true);
    const { error } = jsonOf<{ error: { code: string; message: string; requestId: string } }>(result);
    expect(error.code).toBe("access_not_granted");
    const row = await db.invocation.findFirst({ where: { requestId: error.requestId } });
    expect(row).toMatchObject({ modelId: model.id, channel: "mcp", statusCode: 403, errorCode: "access_not_granted" });
  });

  it("answers invalid input with the API's 422 error and a missing model with 404, as tool errors", async () => {
    const { owner, name } = await irisModel();
    const client = await connect((await createAppWithKey({ scopes: ["invoke"] })).secret);
    const invalid = await client.callTool({ name: "invoke_model", arguments: { owner, name, input: { features: [[1, 2]] } } });
    expect(invalid.isError).toBe(true);
    expect(jsonOf<{ error: { code: string } }>(invalid).error.code).toBe("schema_validation_failed");
    const missing = await client.callTool({ name: "get_model", arguments: { owner, name: "no-such-model" } });
    expect(jsonOf<{ error: { code: string } }>(missing).error.code).toBe("not_found");
  });

  it("gives snippets and the key's own app only", async () => {
    const { owner, name } = await irisModel();
    const mine = await createAppWithKey({ scopes: ["invoke", "read"] });
    const other = await db.app.create({
      data: { name: `other-${mine.app.id.slice(0, 6)}`, teamId: mine.app.teamId, createdById: mine.creator.id },
    });
    const client = await connect(mine.secret);
    const snippets = jsonOf<{ target: string; code: string }[]>(
      await client.callTool({ name: "get_snippet", arguments: { owner, name, target: "python" } }),
    );
    expect(snippets.length).toBeGreaterThan(0);
    expect(snippets.every((s) => s.target === "python" && s.code.includes(`/api/v1/models/${owner}/${name}/`))).toBe(true);
    const apps = jsonOf<{ items: { id: string; keys: { id: string }[] }[] }>(
      await client.callTool({ name: "list_my_apps", arguments: {} }),
    );
    expect(apps.items.map((a) => a.id)).toEqual([mine.app.id]);
    expect(apps.items[0].keys.map((k) => k.id)).toEqual([mine.key.id]);
    expect(apps.items.some((a) => a.id === other.id)).toBe(false);
  });

  it("shows MCP calls in the usage views as their own channel, by filter and by group", async () => {
    const { owner, name } = await irisModel();
    const { secret, app } = await createAppWithKey({ scopes: ["invoke", "usage:read"], creatorRole: "publisher" });
    const client = await connect(secret);
    for (let i = 0; i < 2; i++) await client.callTool({ name: "invoke_model", arguments: { owner, name, input: iris.exampleInput } });
    await flushRollups(kdb());
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    // Two whole hours around now: the calls fall inside even when the test crosses the hour.
    const range = `from=${new Date(hour - 3_600_000).toISOString()}&to=${new Date(hour + 3_600_000).toISOString()}`;
    const usage = async (query: string) => {
      const res = await usageGET(
        new NextRequest(`http://localhost/api/v1/usage?${range}&app=${app.id}&${query}`, {
          headers: { authorization: `Bearer ${secret}` },
        }),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { totals: { calls: number }; groups: { key: string; label: string; calls: number }[] };
    };
    const byChannel = await usage("groupBy=channel");
    expect(byChannel.groups.map((g) => [g.key, g.label, g.calls])).toEqual([["mcp", "MCP (agents)", 2]]);
    expect((await usage("channel=mcp")).totals.calls).toBe(2);
    expect((await usage("channel=api")).totals.calls).toBe(0);
  });

  it("answers GET and DELETE with 405: a stateless server has no stream or session", async () => {
    const res = await fetch(served.url, { headers: { accept: "text/event-stream" } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});
