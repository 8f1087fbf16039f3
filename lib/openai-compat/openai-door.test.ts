// The OpenAI-compatible door (/v1) driven by the official `openai` SDK over real HTTP, calling a loopback
// OpenAI-compatible fake model server — twice: against the door's route handlers behind a loopback node:http
// server (where Next would serve them), and against the gateway door process (gateway/server.ts, production's
// front), which answers chat completions itself and forwards the rest to those route handlers.
import { execFile } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createAppWithKey, createModel, createTeam, createVersion } from "@/lib/gateway/test-fixtures";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";
import { startDoor, type DoorProcess } from "@/test/door-process";

process.env.MODELPORT_RATE_LIMIT_KEY = "5";
const models = await import("@/app/v1/models/route");
const chat = await import("@/app/v1/chat/completions/route");
const embeddings = await import("@/app/v1/embeddings/route");
const fallback = await import("@/app/v1/[...path]/route");

const USAGE = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 };
const TOKENS = { kind: "tokens", inputMicrosPer1k: 1000, outputMicrosPer1k: 2000 } as const; // 1.2 + 0.6 = 1800 micros

// ---- the fake model server: OpenAI's chat/completions (plain and streamed) and embeddings ----
const seen: Record<string, unknown>[] = [];
let releaseHeld: (() => void) | null = null;
const held = () => new Promise<void>((resolve) => (releaseHeld = resolve));
let heldReached: () => void = () => {};

function fakeUpstream(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) {
  seen.push(body);
  if (req.url === "/v1/embeddings") {
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        object: "list",
        model: body.model,
        data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3] }],
        usage: { prompt_tokens: 7, total_tokens: 7 },
      }),
    );
    return;
  }
  if (req.url !== "/v1/chat/completions") {
    res.statusCode = 404;
    res.end("{}");
    return;
  }
  if (!body.stream) {
    res.setHeader("content-type", "application/json");
    const choices = [{ index: 0, message: { role: "assistant", content: "Hello there" }, finish_reason: "stop" }];
    res.end(JSON.stringify({ id: "c1", object: "chat.completion", created: 1, model: body.model, choices, usage: USAGE }));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (content: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: "s1", object: "chat.completion.chunk", created: 1, model: body.model, choices: content === null ? [] : [{ index: 0, delta: { content } }], ...extra })}\n\n`;
  res.write(chunk("Hel"));
  const rest = () => {
    res.write(chunk("lo"));
    res.write(chunk("!"));
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (wantsUsage) res.write(chunk(null, { usage: USAGE }));
    res.end("data: [DONE]\n\n");
  };
  const messages = body.messages as { content: string }[];
  if (messages[0]?.content === "hold") {
    heldReached();
    void held().then(rest);
  } else rest();
}

// ---- the portal: the door's route handlers behind a real HTTP server, streaming like Next does ----
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
function routeOf(method: string, pathname: string): Handler {
  const mod =
    pathname === "/v1/models" ? models : pathname === "/v1/chat/completions" ? chat : pathname === "/v1/embeddings" ? embeddings : fallback;
  return (mod as unknown as Record<string, Handler>)[method];
}
async function portal(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const url = `http://${req.headers.host}${req.url}`;
  const request = new NextRequest(url, {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
  });
  const response = await routeOf(req.method!, new URL(url).pathname)(request, { params: Promise.resolve({}) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return res.end();
  const reader = response.body.getReader();
  res.on("close", () => {
    if (!res.writableFinished) void reader.cancel();
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.destroyed) res.write(value);
  }
  res.end();
}

function serve(handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks)));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

let upstream: { server: Server; port: number };
let door: { server: Server; port: number };
let front: DoorProcess;
beforeAll(async () => {
  upstream = await serve((req, res, body) =>
    fakeUpstream(req, res, body.length ? (JSON.parse(body.toString()) as Record<string, unknown>) : {}),
  );
  door = await serve(portal);
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "gateway tests" }, update: {} });
  invalidateEgressAllowList();
  front = await startDoor({ nextPort: door.port, env: { MODELPORT_EXPOSE_RECORDER: "1" } });
});
afterAll(async () => {
  await front?.stop();
  for (const { server } of [upstream, door]) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

async function llm(options: { visibility?: "public" | "gated"; outputSchema?: object } = {}) {
  const m = await createModel({ teamId: (await createTeam()).id, visibility: options.visibility });
  await createVersion(m.model.id, {
    version: "1.0.0",
    status: "approved",
    runtime: "openai",
    artifactPath: null,
    inputSchema: { type: "object" },
    outputSchema: options.outputSchema,
    endpointUrl: `http://localhost:${upstream.port}/v1`,
    upstreamModelName: "tiny-llm",
    costModel: TOKENS,
  });
  return m;
}
let base = () => `http://127.0.0.1:${door.port}`;
const clientFor = (secret: string) => new OpenAI({ apiKey: secret, baseURL: `${base()}/v1`, maxRetries: 0 });
const rowsOf = (requestId: string | null) => db.invocation.findMany({ where: { requestId: requestId ?? "none" } });
const recorded = async (requestId: string | null) => {
  await expect.poll(async () => (await rowsOf(requestId)).length).toBe(1);
  return (await rowsOf(requestId))[0];
};

const FRONTS = [
  { name: "the route handlers", url: () => `http://127.0.0.1:${door.port}`, answeredBy: null },
  { name: "the gateway door process", url: () => front.url, answeredBy: "door" },
] as const;

describe.each(FRONTS)("OpenAI-compatible door with the official SDK, through $name", (via) => {
  beforeAll(() => {
    base = via.url;
  });

  it("completes a chat, recorded once on channel openai with its tokens' cost", async () => {
    const { owner, name } = await llm();
    const { secret, app, key } = await createAppWithKey();
    const { data, response } = await clientFor(secret)
      .chat.completions.create({ model: `${owner}/${name}`, messages: [{ role: "user", content: "hi" }], temperature: 0.2 })
      .withResponse();
    expect(data.choices[0].message.content).toBe("Hello there");
    expect(data.usage).toEqual(USAGE);
    expect(response.headers.get("x-modelport-path")).toBe(via.answeredBy); // the door answered it, not Next
    expect(seen.at(-1)).toMatchObject({ model: "tiny-llm", temperature: 0.2, stream: false, messages: [{ role: "user", content: "hi" }] });
    const row = await recorded(response.headers.get("x-request-id"));
    expect(row).toMatchObject({
      channel: "openai",
      statusCode: 200,
      appId: app.id,
      apiKeyId: key.id,
      tokensIn: 1200,
      tokensOut: 300,
      costMicros: BigInt(1800),
    });
  });

  it("streams a completion through and records the fake's usage when the stream ends", async () => {
    const { owner, name } = await llm();
    const { secret } = await createAppWithKey();
    const { data: stream, response } = await clientFor(secret)
      .chat.completions.create({ model: `${owner}/${name}@^1`, messages: [{ role: "user", content: "hi" }], stream: true })
      .withResponse();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-modelport-path")).toBe(via.answeredBy);
    const parts: string[] = [];
    let usageSeen = false;
    for await (const chunk of stream) {
      parts.push(chunk.choices[0]?.delta.content ?? "");
      if (chunk.usage) usageSeen = true;
    }
    expect(parts.join("")).toBe("Hello!");
    expect(usageSeen).toBe(false); // asked of the upstream by the gateway, not by this client
    expect(seen.at(-1)).toMatchObject({ stream: true, stream_options: { include_usage: true }, model: "tiny-llm" });
    const row = await recorded(response.headers.get("x-request-id"));
    expect(row).toMatchObject({
      channel: "openai",
      statusCode: 200,
      tokensIn: USAGE.prompt_tokens,
      tokensOut: USAGE.completion_tokens,
      costMicros: BigInt(1800),
    });
    expect(row.bytesOut).toBeGreaterThan(100);
  });

  it("passes the usage chunk on when the client asked for it", async () => {
    const { owner, name } = await llm();
    const { secret } = await createAppWithKey();
    const stream = await clientFor(secret).chat.completions.create({
      model: `${owner}/${name}`,
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: unknown = null;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage).toEqual(USAGE);
  });

  it("records a stream the client left halfway once, with the tokens the model spent", async () => {
    const { owner, name } = await llm();
    const { secret } = await createAppWithKey();
    const reached = new Promise<void>((resolve) => (heldReached = resolve));
    const abort = new AbortController();
    const { data: stream, response } = await clientFor(secret)
      .chat.completions.create(
        { model: `${owner}/${name}`, messages: [{ role: "user", content: "hold" }], stream: true },
        { signal: abort.signal },
      )
      .withResponse();
    await reached;
    for await (const chunk of stream) {
      expect(chunk.choices[0].delta.content).toBe("Hel");
      abort.abort(); // the client leaves after the first chunk
      break;
    }
    const requestId = response.headers.get("x-request-id");
    expect(await rowsOf(requestId)).toHaveLength(0); // still streaming upstream: not recorded yet
    releaseHeld!();
    const row = await recorded(requestId);
    expect(row).toMatchObject({ channel: "openai", tokensIn: 1200, tokensOut: 300, costMicros: BigInt(1800) });
  });

  it("refuses a gated model without a grant and an unknown model, in OpenAI's error shape", async () => {
    const gated = await llm({ visibility: "gated" });
    const { secret } = await createAppWithKey();
    const client = clientFor(secret);
    const refused = await client.chat.completions
      .create({ model: `${gated.owner}/${gated.name}`, messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const denied = refused as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect([denied.status, denied.code, denied.type]).toEqual([403, "access_not_granted", "permission_error"]);
    expect(denied.message).toContain("gated");
    const missing = await client.chat.completions
      .create({ model: "nobody/nothing", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("not_found");
    const bad = await client.chat.completions.create({ model: "no-slash", messages: [] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    const noKey = await clientFor("mp_wrong")
      .models.list()
      .catch((e: unknown) => e);
    expect(noKey).toBeInstanceOf(OpenAI.AuthenticationError);
    const refusedRow = await db.invocation.findFirst({ where: { modelId: gated.model.id } });
    expect(refusedRow).toMatchObject({ channel: "openai", statusCode: 403, errorCode: "access_not_granted" });
  });

  it("answers 429 with Retry-After once the key's quota is used up", async () => {
    const { owner, name } = await llm();
    const { secret } = await createAppWithKey();
    const client = clientFor(secret);
    for (let i = 0; i < 5; i++)
      await client.chat.completions.create({ model: `${owner}/${name}`, messages: [{ role: "user", content: "hi" }] });
    const limited = await client.chat.completions
      .create({ model: `${owner}/${name}`, messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    const error = limited as InstanceType<typeof OpenAI.RateLimitError>;
    expect([error.status, error.code, error.type]).toEqual([429, "rate_limited", "rate_limit_error"]);
    expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
  });

  it("lists only the OpenAI-compatible models the key may call", async () => {
    const open = await llm();
    const gated = await llm({ visibility: "gated" });
    const onnx = await createModel();
    await createVersion(onnx.model.id, { version: "1.0.0", status: "approved" });
    const { secret } = await createAppWithKey();
    const ids = [];
    for await (const m of clientFor(secret).models.list()) ids.push(m.id);
    expect(ids).toContain(`${open.owner}/${open.name}`);
    expect(ids).not.toContain(`${gated.owner}/${gated.name}`);
    expect(ids).not.toContain(`${onnx.owner}/${onnx.name}`);
    const onlyOther = await createAppWithKey({ modelAllowlist: [gated.model.id] });
    const allowed = [];
    for await (const m of clientFor(onlyOther.secret).models.list()) allowed.push(m.id);
    expect(allowed).not.toContain(`${open.owner}/${open.name}`);
  });

  it("embeds through the upstream's /embeddings and refuses a non-LLM model", async () => {
    const { owner, name } = await llm();
    const { secret } = await createAppWithKey();
    const { data, response } = await clientFor(secret)
      .embeddings.create({ model: `${owner}/${name}`, input: "hello", encoding_format: "float" })
      .withResponse();
    expect(data.data[0].embedding).toEqual([0.1, 0.2, 0.3]);
    expect(await recorded(response.headers.get("x-request-id"))).toMatchObject({ channel: "openai", tokensIn: 7, costMicros: BigInt(7) });
    const onnx = await createModel();
    await createVersion(onnx.model.id, { version: "1.0.0", status: "approved", inputSchema: { type: "object" } });
    const refused = await clientFor(secret)
      .chat.completions.create({ model: `${onnx.owner}/${onnx.name}`, messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it("refuses stream: true for a version that checks its answers against an output schema", async () => {
    const { owner, name } = await llm({ outputSchema: { type: "object" } });
    const { secret } = await createAppWithKey();
    const refused = await clientFor(secret)
      .chat.completions.create({ model: `${owner}/${name}`, messages: [{ role: "user", content: "hi" }], stream: true })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it("offers OpenAI SDK snippets on the model page that run against the door as generated", async () => {
    const { owner, name, model } = await llm();
    await db.model.update({ where: { id: model.id }, data: { slug: `${owner}/${name}` } }); // the catalog's slug (the fixtures' differs)
    const { secret } = await createAppWithKey();
    const snippets = await getModelSnippets({ owner, name, viewer: null, baseUrl: base() });
    const nodeSnippet = snippets.find((s) => s.target === "node-openai" && s.form === "pinned")!;
    const pySnippet = snippets.find((s) => s.target === "python-openai" && s.form === "range")!;
    expect(nodeSnippet.code).toContain(`"model": "${owner}/${name}@1.0.0"`);
    expect(pySnippet.code).toContain(`model="${owner}/${name}@^1"`);
    expect(snippets.some((s) => s.target === "shell")).toBe(true); // the invoke route's snippets stay
    const dir = await mkdtemp(path.join(tmpdir(), "openai-snippet-"));
    try {
      await symlink(path.resolve("node_modules"), path.join(dir, "node_modules")); // where `npm install openai` puts the SDK
      await writeFile(path.join(dir, "snippet.mjs"), nodeSnippet.code);
      await writeFile(path.join(dir, "snippet.py"), pySnippet.code);
      const run = promisify(execFile);
      const { stdout } = await run(process.execPath, [path.join(dir, "snippet.mjs")], {
        env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", MODELPORT_API_KEY: secret },
      });
      expect(stdout.trim()).toBe("Hello there");
      await run("python3", ["-m", "py_compile", path.join(dir, "snippet.py")]); // no SDK for Python here: its syntax at least
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const onnx = await createModel();
    await createVersion(onnx.model.id, { version: "1.0.0", status: "approved" });
    await db.model.update({ where: { id: onnx.model.id }, data: { slug: `${onnx.owner}/${onnx.name}` } });
    const plain = await getModelSnippets({ owner: onnx.owner, name: onnx.name, viewer: null, baseUrl: "http://portal" });
    expect(plain.some((s) => s.client === "openai")).toBe(false);
  });
});
