import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";

// A stand-in for the gateway's invoke contract (product brief) for tests that run served snippets:
// it checks method, path, version form, bearer key and body, then answers like the gateway does.
// Once the real gateway is merged these tests can point at it instead.

export type FakeGateway = { baseUrl: string; calls: { path: string; version: string | null }[]; close: () => Promise<void> };

const PINNED = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/versions\/([^/]+)\/invoke$/;
const RANGED = /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/invoke$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeGateway(expect: {
  model: string;
  key: string;
  body: unknown;
  resolve: (versionOrRange: string) => string | null;
  answer: (body: unknown) => unknown;
}): Promise<FakeGateway> {
  const calls: FakeGateway["calls"] = [];
  const server: Server = createServer(async (req, res) => {
    const started = performance.now();
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string) => send(status, { error: { code, message, requestId: "req_fake" } });
    const url = new URL(req.url ?? "/", "http://localhost");
    const pinned = PINNED.exec(url.pathname);
    const ranged = RANGED.exec(url.pathname);
    const match = pinned ?? ranged;
    if (req.method !== "POST" || !match) return fail(404, "not_found", `No route for ${req.method} ${url.pathname}.`);
    if (`${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}` !== expect.model)
      return fail(404, "not_found", "The model was not found.");
    if (req.headers.authorization !== `Bearer ${expect.key}`) return fail(401, "invalid_api_key", "The API key is not valid.");
    if (!String(req.headers["content-type"]).startsWith("application/json")) return fail(415, "unsupported_media_type", "Send JSON.");
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return fail(400, "malformed_json", "The request body is not valid JSON.");
    }
    if (!isDeepStrictEqual(body, expect.body)) return fail(422, "schema_validation_failed", "The body is not the example input.");
    const asked = pinned ? decodeURIComponent(pinned[3]) : url.searchParams.get("version");
    const version = asked ? expect.resolve(asked) : null;
    if (!version) return fail(404, "not_found", `No version matches ${asked}.`);
    calls.push({ path: url.pathname, version: asked });
    const gateway = (performance.now() - started).toFixed(2);
    send(
      200,
      { output: expect.answer(body), model: expect.model, version, requestId: "req_fake_1" },
      { "server-timing": `gateway;dur=${gateway}, upstream;dur=0.50`, "x-request-id": "req_fake_1" },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
