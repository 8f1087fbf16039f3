import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppWithKey, createModel, createTeam, createVersion } from "@/lib/gateway/test-fixtures";
import { sealSecret } from "@/lib/secrets/secret-box";
import { db } from "@/lib/server/db";
import { runJob } from "@/lib/server/jobs";
import { createLogger, setLogger } from "@/lib/server/log";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";

// The structured logs (lib/server/log.ts) carry ids, names and figures — never an API key, an upstream's secret
// header or a call's payload. Calls are made with a real key against a real HTTP model server whose secret
// header is configured (stored sealed, as publishing stores it), and every line written is read back.

const { POST: invoke } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");

const UPSTREAM_SECRET = `upstream-secret-${Math.random().toString(36).slice(2)}`;
const PAYLOAD = `payload-marker-${Math.random().toString(36).slice(2)}`;
let lines: string[] = [];
let upstream: Server;
let port = 0;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  setLogger(createLogger(sink, "debug"));
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      // Only the holder of the secret gets an answer; /fail echoes what it got in a 500 (a careless model server).
      if (req.headers["x-api-key"] !== UPSTREAM_SECRET) res.writeHead(401).end('{"error":"no"}');
      else if (req.url === "/fail") res.writeHead(500).end(JSON.stringify({ got: body, key: req.headers["x-api-key"] }));
      else res.end(JSON.stringify({ echoed: JSON.parse(body) }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
  port = (upstream.address() as AddressInfo).port;
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "gateway tests" }, update: {} });
  invalidateEgressAllowList();
});
afterAll(async () => {
  setLogger(undefined);
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

async function httpModel(path: string) {
  const m = await createModel({ teamId: (await createTeam()).id });
  await createVersion(m.model.id, {
    version: "1.0.0",
    status: "approved",
    runtime: "http",
    artifactPath: null,
    inputSchema: { type: "object" },
    httpProtocol: "generic",
    endpointUrl: `http://localhost:${port}${path}`,
    secretHeaderName: "X-Api-Key",
    secretHeaderValue: sealSecret(UPSTREAM_SECRET),
  });
  return m;
}

async function call(owner: string, name: string, secret: string, body: unknown) {
  const req = new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await invoke(req, { params: Promise.resolve({ owner, name }) });
  return { status: res.status, requestId: res.headers.get("x-request-id")!, body: await res.text() };
}

describe("structured logs", () => {
  it("write one line per gateway call and per job run, with ids and figures but no key, upstream secret or payload", async () => {
    lines = [];
    const ok = await httpModel("/echo");
    const failing = await httpModel("/fail");
    const { secret, app, key } = await createAppWithKey();
    const answered = await call(ok.owner, ok.name, secret, { text: PAYLOAD });
    expect(answered.status).toBe(200);
    expect(answered.body).toContain(PAYLOAD); // the model server did get the payload and the secret
    const failed = await call(failing.owner, failing.name, secret, { text: PAYLOAD });
    expect(failed.status).toBe(502);
    await runJob({ name: "log-test-job", everyMs: 1000, run: async () => PAYLOAD });
    await expect(
      runJob({
        name: "log-test-failing-job",
        everyMs: 1000,
        run: async () => {
          throw new Error("the job broke");
        },
      }),
    ).rejects.toThrow("the job broke");

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const callLine = (requestId: string) => records.filter((r) => r.msg === "gateway call" && r.requestId === requestId);
    expect(callLine(answered.requestId)).toEqual([
      expect.objectContaining({
        level: 30,
        appId: app.id,
        keyId: key.id,
        model: `${ok.owner}/${ok.name}`,
        version: "1.0.0",
        channel: "api",
        status: 200,
        durationMs: expect.any(Number),
        time: expect.any(String),
      }),
    ]);
    expect(callLine(failed.requestId)).toEqual([expect.objectContaining({ status: 502, code: "upstream_error", keyId: key.id })]);
    expect(records.filter((r) => r.msg === "job run" && r.job === "log-test-job")).toEqual([
      expect.objectContaining({ outcome: "ok", durationMs: expect.any(Number) }),
    ]);
    expect(records.filter((r) => r.msg === "job run" && r.job === "log-test-failing-job")).toEqual([
      expect.objectContaining({ outcome: "failed", level: 50 }),
    ]);

    const written = lines.join("\n");
    expect(written).not.toContain(secret); // the API key
    expect(written).not.toContain(secret.slice(-16)); // nor any recognisable tail of it
    expect(written).not.toContain(UPSTREAM_SECRET); // the upstream's secret header
    expect(written).not.toContain(PAYLOAD); // the call's input (and the upstream's echo of it)
  });
});
