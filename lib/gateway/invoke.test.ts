import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createAppWithKey, createModel, createVersion, createTeam } from "@/lib/gateway/test-fixtures";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { sealSecret } from "@/lib/secrets/secret-box";

process.env.MODELPORT_RATE_LIMIT_KEY = "5";
const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const { POST: invokeExact } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  exampleOutputLabel: number;
  inputSchema: object;
  outputSchema: object;
};

type Call = {
  owner: string;
  name: string;
  version?: string;
  query?: string;
  secret: string;
  body?: string;
  headers?: Record<string, string>;
};
async function call(c: Call) {
  const path = c.version
    ? `/api/v1/models/${c.owner}/${c.name}/versions/${c.version}/invoke`
    : `/api/v1/models/${c.owner}/${c.name}/invoke${c.query ?? ""}`;
  const req = new NextRequest(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${c.secret}`, "content-type": "application/json", ...c.headers },
    body: c.body ?? JSON.stringify(iris.exampleInput),
  });
  const res = c.version
    ? await invokeExact(req, { params: Promise.resolve({ owner: c.owner, name: c.name, version: c.version }) })
    : await invokeLatest(req, { params: Promise.resolve({ owner: c.owner, name: c.name }) });
  const body = (await res.json()) as {
    output?: Record<string, unknown>;
    version?: string;
    model?: string;
    requestId?: string;
    error?: { code: string; message: string; requestId: string; details?: Record<string, unknown> };
  };
  return { res, body };
}
const rowOf = (requestId: string) => db.invocation.findFirst({ where: { requestId } });

let upstream: Server;
let port = 0;
const seen: { url?: string; body: string; headers: Record<string, unknown> }[] = [];
beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ url: req.url, body, headers: req.headers });
      res.setHeader("content-type", "application/json");
      if (req.url === "/echo") res.end(JSON.stringify({ echoed: JSON.parse(body) }));
      else if (req.url === "/fail") {
        res.statusCode = 500;
        res.end('{"secret":"stack trace"}');
      } else if (req.url === "/garbage") res.end("<html>oops</html>");
      else if (req.url === "/slow") setTimeout(() => res.end("{}"), 2000);
      else if (req.url === "/v2/models/doubler/infer") {
        const v2 = JSON.parse(body) as { inputs: { name: string; shape: number[]; data: number[] }[] };
        const x = v2.inputs[0];
        res.end(
          JSON.stringify({
            model_name: "doubler",
            outputs: [{ name: "y", shape: x.shape, datatype: "FP32", data: x.data.map((n) => n * 2) }],
          }),
        );
      } else if (req.url === "/v1/chat/completions") {
        res.end(
          JSON.stringify({
            id: "c1",
            object: "chat.completion",
            model: JSON.parse(body).model,
            choices: [{ index: 0, message: { role: "assistant", content: "hi" } }],
            usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
            leaked: "x",
          }),
        );
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
  port = (upstream.address() as AddressInfo).port;
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "gateway tests" }, update: {} });
  invalidateEgressAllowList();
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

describe("invoke an ONNX model", () => {
  it("answers the iris example with the real prediction, the contract's headers and a committed row", async () => {
    const { owner, name, model } = await createModel({ valuePerCallMicros: BigInt(2500) });
    await createVersion(model.id, { version: "1.0.0", status: "approved", inputSchema: iris.inputSchema, outputSchema: iris.outputSchema });
    const { secret, app, key } = await createAppWithKey();
    const { res, body } = await call({ owner, name, secret });
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ model: `${owner}/${name}`, version: "1.0.0", requestId: res.headers.get("x-request-id") });
    expect((body.output!.label as number[])[0]).toBe(iris.exampleOutputLabel);
    expect((body.output!.probabilities as number[][])[0]).toHaveLength(3);
    expect(res.headers.get("server-timing")).toMatch(/^gateway;dur=\d+(\.\d+)?, upstream;dur=\d+(\.\d+)?$/);
    expect(res.headers.get("ratelimit-policy")).toContain('"key";q=5');
    const row = await rowOf(body.requestId!);
    expect(row).toMatchObject({
      channel: "api",
      statusCode: 200,
      appId: app.id,
      apiKeyId: key.id,
      costMicros: BigInt(100),
      valueMicros: BigInt(2500),
      errorCode: null,
    });
    expect(row!.upstreamMs).toBeGreaterThan(0);
    expect(row!.bytesIn).toBe(JSON.stringify(iris.exampleInput).length);
    expect(row!.bytesOut).toBeGreaterThan(50);
  });

  it.each(["iris-classifier", "penguin-species-classifier", "car-origin-classifier"])(
    "answers like onnxruntime itself for the seeded %s",
    async (slug) => {
      const meta = JSON.parse(readFileSync(`prisma/seed-data/onnx/${slug}.json`, "utf8")) as typeof iris & {
        exampleInput: { features: number[][] };
      };
      const file = `prisma/seed-data/onnx/${slug}.onnx`;
      const { owner, name, model } = await createModel();
      await createVersion(model.id, {
        version: "1.0.0",
        status: "approved",
        artifactPath: file,
        inputSchema: meta.inputSchema,
        outputSchema: meta.outputSchema,
      });
      const { secret } = await createAppWithKey();
      // a batch: the example row plus two variations of it, so the answer is not a constant
      const rows = [
        meta.exampleInput.features[0],
        meta.exampleInput.features[0].map((v) => v * 1.3),
        meta.exampleInput.features[0].map((v) => v * 0.7),
      ];
      const { res, body } = await call({ owner, name, secret, body: JSON.stringify({ features: rows }) });
      expect(res.status).toBe(200);
      const labels = body.output!.label as number[];
      expect(labels[0]).toBe(meta.exampleOutputLabel);
      const session = await InferenceSession.create(file);
      const direct = await session.run({ features: new Tensor("float32", Float32Array.from(rows.flat()), [3, rows[0].length]) });
      expect(labels).toEqual(Array.from(direct.label.data as BigInt64Array, Number));
      const probs = body.output!.probabilities as number[][];
      expect(probs.flat()).toEqual(Array.from(direct.probabilities.data as Float32Array));
    },
  );

  it("resolves exact versions and ranges over approved and deprecated versions only", async () => {
    const { owner, name, model } = await createModel();
    for (const [version, status] of [
      ["1.0.0", "approved"],
      ["1.2.0", "deprecated"],
      ["1.3.0", "draft"],
      ["1.2.5", "approved"],
      ["2.0.0", "approved"],
      ["3.0.0", "pending_review"],
    ] as const) {
      await createVersion(model.id, { version, status });
    }
    const { secret } = await createAppWithKey();
    const { secret: secret2 } = await createAppWithKey();
    expect((await call({ owner, name, secret })).body.version).toBe("2.0.0");
    expect((await call({ owner, name, secret, query: "?version=1.*" })).body.version).toBe("1.2.5");
    expect((await call({ owner, name, secret, query: "?version=%5E1.0" })).body.version).toBe("1.2.5");
    expect((await call({ owner, name, secret, query: "?version=~1.2.0" })).body.version).toBe("1.2.5");
    expect((await call({ owner, name, secret, query: "?version=1.0.0" })).body.version).toBe("1.0.0");
    expect((await call({ owner, name, secret: secret2, query: "?version=%3E%3D3" })).res.status).toBe(404);
    expect((await call({ owner, name, secret: secret2, query: "?version=banana" })).res.status).toBe(422);
    const pending = await call({ owner, name, secret: secret2, version: "3.0.0" });
    expect(pending.res.status).toBe(409);
    expect(pending.body.error!.code).toBe("version_not_invocable");
    expect(await rowOf(pending.body.error!.requestId!)).toMatchObject({
      statusCode: 409,
      errorCode: "version_not_invocable",
      costMicros: BigInt(0),
      valueMicros: BigInt(0),
    });
    // Another team's draft does not exist for this key: the same 404 as a version that was never made.
    const draft = await call({ owner, name, secret: secret2, version: "1.3.0" });
    const never = await call({ owner, name, secret: secret2, version: "1.3.1" });
    expect([draft.res.status, draft.body.error!.message]).toEqual([404, never.body.error!.message.replace("1.3.1", "1.3.0")]);
  });

  it("marks a deprecated version and refuses a retired one naming its replacement", async () => {
    const { owner, name, model } = await createModel();
    const next = await createVersion(model.id, { version: "2.0.0", status: "approved" });
    const sunset = new Date("2027-01-31T00:00:00Z");
    await createVersion(model.id, {
      version: "1.0.0",
      status: "deprecated",
      deprecatedAt: new Date(),
      sunsetAt: sunset,
      replacementVersionId: next.id,
    });
    await createVersion(model.id, { version: "0.9.0", status: "retired", retiredAt: new Date(), replacementVersionId: next.id });
    const { secret } = await createAppWithKey();
    const dep = await call({ owner, name, secret, version: "1.0.0" });
    expect(dep.res.status).toBe(200);
    expect(dep.res.headers.get("deprecation")).toMatch(/^@\d+$/);
    expect(dep.res.headers.get("sunset")).toBe(sunset.toUTCString());
    expect(dep.res.headers.get("link")).toContain(`/versions/2.0.0/invoke>; rel="successor-version"`);
    const gone = await call({ owner, name, secret, version: "0.9.0" });
    expect(gone.res.status).toBe(410);
    expect(gone.body.error!.message).toContain("2.0.0");
    expect(await rowOf(gone.body.error!.requestId)).toMatchObject({ statusCode: 410 });
  });

  it("validates the input: 422 with the JSON pointer, 400 malformed, 413 too large — all recorded", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { secret } = await createAppWithKey();
    const bad = await call({ owner, name, secret, body: JSON.stringify({ features: [[1, 2, 3]] }) });
    expect(bad.res.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "schema_validation_failed", details: { pointer: "/features/0" } });
    expect(await rowOf(bad.body.error!.requestId)).toMatchObject({ statusCode: 422, errorCode: "schema_validation_failed" });
    const malformed = await call({ owner, name, secret, body: "{features:" });
    expect(malformed.res.status).toBe(400);
    const big = await call({ owner, name, secret, body: JSON.stringify({ features: [[1, 2, 3, 4]], pad: "x".repeat(1_100_000) }) });
    expect(big.res.status).toBe(413);
    expect(await rowOf(big.body.error!.requestId)).toMatchObject({ statusCode: 413 });
  });
});

describe("access", () => {
  it("needs a grant for a gated model, honours the key's allow-list and scopes, refuses a revoked key at once", async () => {
    const { owner, name, model } = await createModel({ visibility: "gated" });
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { secret, app, key } = await createAppWithKey();
    const denied = await call({ owner, name, secret });
    expect([denied.res.status, denied.body.error!.code]).toEqual([403, "access_not_granted"]);
    await db.accessGrant.create({ data: { modelId: model.id, appId: app.id } });
    expect((await call({ owner, name, secret })).res.status).toBe(200);
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const revoked = await call({ owner, name, secret });
    expect([revoked.res.status, revoked.body.error!.code]).toEqual([401, "invalid_api_key"]);

    const other = await createModel();
    await createVersion(other.model.id, { version: "1.0.0", status: "approved" });
    const limited = await createAppWithKey({ modelAllowlist: [model.id] });
    expect((await call({ owner: other.owner, name: other.name, secret: limited.secret })).res.status).toBe(403);
    const noScope = await createAppWithKey({ scopes: ["read"] });
    expect((await call({ owner: other.owner, name: other.name, secret: noScope.secret })).body.error!.code).toBe("insufficient_scope");
    const expired = await createAppWithKey({ expiresAt: new Date(Date.now() - 1000) });
    expect((await call({ owner: other.owner, name: other.name, secret: expired.secret })).res.status).toBe(401);
  });

  it("rate-limits per key with 429, Retry-After and RateLimit headers", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { secret } = await createAppWithKey();
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      last = (await call({ owner, name, secret })).res;
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.headers.get("ratelimit")).toMatch(/^"key";r=0;t=\d+$/);
  });
});

describe("http and openai runtimes", () => {
  async function httpModel(data: Parameters<typeof createVersion>[1]) {
    const m = await createModel({ teamId: (await createTeam()).id });
    await createVersion(m.model.id, { runtime: "http", artifactPath: null, inputSchema: { type: "object" }, ...data });
    return { ...m, ...(await createAppWithKey()) };
  }

  it("passes generic JSON through an allow-listed endpoint and maps upstream trouble to 502/504", async () => {
    const ok = await httpModel({
      version: "1.0.0",
      status: "approved",
      httpProtocol: "generic",
      endpointUrl: `http://localhost:${port}/echo`,
      secretHeaderName: "X-Api-Key",
      secretHeaderValue: "s3cret",
    });
    const res = await call({ ...ok, body: JSON.stringify({ q: 1 }) });
    expect([res.res.status, res.body.output]).toEqual([200, { echoed: { q: 1 } }]);
    expect(seen.at(-1)!.headers["x-api-key"]).toBe("s3cret");
    // Stored encrypted (as publishing writes it): the model server still gets the secret itself.
    const sealed = await httpModel({
      version: "1.0.0",
      status: "approved",
      httpProtocol: "generic",
      endpointUrl: `http://localhost:${port}/echo`,
      secretHeaderName: "X-Api-Key",
      secretHeaderValue: sealSecret("s3aled"),
    });
    expect((await call({ ...sealed, body: "{}" })).res.status).toBe(200);
    expect(seen.at(-1)!.headers["x-api-key"]).toBe("s3aled");
    for (const [path, status, timeoutMs] of [
      ["/fail", 502, 10000],
      ["/garbage", 502, 10000],
      ["/slow", 504, 200],
    ] as const) {
      const m = await httpModel({
        version: "1.0.0",
        status: "approved",
        httpProtocol: "generic",
        endpointUrl: `http://localhost:${port}${path}`,
        timeoutMs,
      });
      const r = await call({ ...m, body: "{}" });
      expect(r.res.status).toBe(status);
      expect(JSON.stringify(r.body)).not.toContain("stack trace");
      const failed = await rowOf(r.body.error!.requestId);
      expect(failed).toMatchObject({ statusCode: status, costMicros: BigInt(0) });
      if (status === 504) expect(failed!.upstreamMs).toBeGreaterThanOrEqual(150);
    }
    const wrongShape = await httpModel({
      version: "1.0.0",
      status: "approved",
      endpointUrl: `http://localhost:${port}/echo`,
      outputSchema: { type: "object", required: ["score"] },
    });
    const refused = await call({ ...wrongShape, body: "{}" });
    expect([refused.res.status, refused.body.error!.code]).toEqual([502, "upstream_error"]);
    expect(refused.body.error!.message).toContain("output schema");
    const blocked = await httpModel({ version: "1.0.0", status: "approved", endpointUrl: `http://127.0.0.1:${port}/echo` });
    expect((await call({ ...blocked, body: "{}" })).body.error!.code).toBe("egress_blocked");
  });

  it("speaks KServe V2 with shapes from the input", async () => {
    const m = await httpModel({
      version: "1.0.0",
      status: "approved",
      httpProtocol: "kserve_v2",
      endpointUrl: `http://localhost:${port}`,
      upstreamModelName: "doubler",
    });
    const r = await call({
      ...m,
      body: JSON.stringify({
        x: [
          [1, 2],
          [3, 4],
        ],
      }),
    });
    expect(r.body.output).toEqual({
      y: [
        [2, 4],
        [6, 8],
      ],
    });
    expect(JSON.parse(seen.at(-1)!.body)).toMatchObject({ inputs: [{ name: "x", shape: [2, 2], datatype: "FP32", data: [1, 2, 3, 4] }] });
  });

  it("calls an OpenAI-compatible upstream and costs its tokens", async () => {
    const m = await httpModel({
      runtime: "openai",
      version: "1.0.0",
      status: "approved",
      endpointUrl: `http://localhost:${port}/v1`,
      upstreamModelName: "tiny-llm",
      costModel: { kind: "tokens", inputMicrosPer1k: 1000, outputMicrosPer1k: 2000 },
    });
    const r = await call({ ...m, body: JSON.stringify({ messages: [{ role: "user", content: "hello" }] }) });
    expect(r.res.status).toBe(200);
    expect(r.body.output).toMatchObject({ model: "tiny-llm", choices: [{ message: { content: "hi" } }] });
    expect(r.body.output).not.toHaveProperty("leaked");
    expect(await rowOf(r.body.requestId!)).toMatchObject({ tokensIn: 1200, tokensOut: 300, costMicros: BigInt(1800) });
  });
});
