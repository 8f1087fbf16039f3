import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";

// A fresh database: the stand-in server is on 127.0.0.1, which outbound calls may only reach once an admin
// allow-lists it, and the allow-list is global.
let testConnection: typeof import("@/lib/publishing/test-connection").testConnection;

// A local stand-in model server that records what it was asked.
const seen: { method?: string; url?: string; key?: string }[] = [];
let server: Server;
let base = "";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
  testConnection = (await import("@/lib/publishing/test-connection")).testConnection;
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method, url: req.url, key: req.headers["x-api-key"] as string | undefined });
    if (req.url?.startsWith("/hang")) return; // never answers
    if (req.url === "/v2/models/iris") return res.writeHead(200, { "content-type": "application/json" }).end('{"name":"iris"}');
    if (req.url === "/v1/models") return res.writeHead(req.headers["x-api-key"] === "s3cret" ? 200 : 401).end();
    res.writeHead(req.method === "POST" ? 422 : 405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("testConnection", () => {
  it("refuses an internal address that is not on the egress allow-list (no SSRF probing)", async () => {
    const before = seen.length;
    const report = await testConnection({ endpointUrl: `${base}/v2/models/iris/infer`, protocol: "kserve_v2", timeoutMs: 2000 });
    expect(report).toMatchObject({ ok: false, reachable: false, status: null, message: expect.stringContaining("allow-list") });
    expect(seen.length).toBe(before);
    const { db } = await import("@/lib/server/db");
    await db.egressRule.create({ data: { pattern: "127.0.0.1/32", note: "test-connection stand-in" } });
    (await import("@/lib/server/net/egress-rules")).invalidateEgressAllowList();
  });

  it("probes KServe V2 with the model metadata GET and reports status and latency", async () => {
    const report = await testConnection({ endpointUrl: `${base}/v2/models/iris/infer`, protocol: "kserve_v2", timeoutMs: 2000 });
    expect(report).toMatchObject({ ok: true, reachable: true, status: 200, method: "GET", url: `${base}/v2/models/iris` });
    expect(report.latencyMs).toBeGreaterThan(0);
  });

  it("sends the secret header, and reports a reachable server that refuses as not ok", async () => {
    const good = await testConnection({
      endpointUrl: `${base}/v1/chat/completions`,
      protocol: "openai",
      secretHeaderName: "X-Api-Key",
      secretHeaderValue: "s3cret",
      timeoutMs: 2000,
    });
    expect(good).toMatchObject({ ok: true, status: 200, url: `${base}/v1/models` });
    expect(seen.at(-1)?.key).toBe("s3cret");
    const bad = await testConnection({ endpointUrl: `${base}/v1/chat/completions`, protocol: "openai", timeoutMs: 2000 });
    expect(bad).toMatchObject({ ok: false, reachable: true, status: 401 });
  });

  it("posts an empty JSON body to a generic endpoint", async () => {
    const report = await testConnection({ endpointUrl: `${base}/predict`, protocol: "generic", timeoutMs: 2000 });
    expect(report).toMatchObject({ reachable: true, status: 422, method: "POST" });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/predict" });
  });

  it("reports a timeout and a closed port as unreachable", async () => {
    const slow = await testConnection({ endpointUrl: `${base}/hang`, protocol: "generic", timeoutMs: 200 });
    expect(slow).toMatchObject({ ok: false, reachable: false, status: null, message: "The model did not answer within 200 ms." });
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const closed = await testConnection({ endpointUrl: `http://127.0.0.1:${port}/predict`, protocol: "generic", timeoutMs: 2000 });
    expect(closed).toMatchObject({ ok: false, reachable: false, message: expect.stringContaining("ECONNREFUSED") });
  });
});
