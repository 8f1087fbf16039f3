// The MCP door counts each HTTP request against the key's rate limit like any API call: over the quota it
// answers 429 with Retry-After and a JSON-RPC error (data.code rate_limited), and the throttled tool call
// never reaches the gateway, so no invocation row is written for it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { serveFetch } from "@/test/serve-fetch";

process.env.MODELPORT_RATE_LIMIT_KEY = "3";
const route = await import("@/app/mcp/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
};

let served: Awaited<ReturnType<typeof serveFetch>>;
beforeAll(async () => {
  served = await serveFetch("/mcp", { POST: route.POST });
});
afterAll(() => served?.close());

it("throttles MCP requests with the key's quota: 429, Retry-After, JSON-RPC error, no row", async () => {
  const m = await createModel();
  await createVersion(m.model.id, { version: "1.0.0", status: "approved", inputSchema: iris.inputSchema });
  const { secret } = await createAppWithKey({ scopes: ["invoke"] });
  const call = (id: number) =>
    fetch(served.url, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id,
        method: "tools/call",
        params: { name: "invoke_model", arguments: { owner: m.owner, name: m.name, input: iris.exampleInput } },
      }),
    });
  const answers = [];
  for (let i = 1; i <= 4; i++) answers.push(await call(i));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
  const throttled = answers[3];
  expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await throttled.json()) as { jsonrpc: string; error: { data: { code: string } } };
  expect(body).toMatchObject({ jsonrpc: "2.0", error: { data: { code: "rate_limited" } } });
  const rows = await db.invocation.findMany({ where: { modelId: m.model.id }, select: { channel: true, statusCode: true } });
  expect(rows).toEqual([
    { channel: "mcp", statusCode: 200 },
    { channel: "mcp", statusCode: 200 },
    { channel: "mcp", statusCode: 200 },
  ]);
});
