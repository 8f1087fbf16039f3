// The Open Inference Protocol (KServe V2) door: its route handlers called with requests shaped as in the
// protocol's specification, on the real ONNX runtime (the demo iris model) and a real loopback KServe V2 server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";

const metadata = await import("@/app/oip/[owner]/v2/models/[name]/route");
const ready = await import("@/app/oip/[owner]/v2/models/[name]/ready/route");
const infer = await import("@/app/oip/[owner]/v2/models/[name]/infer/route");
const versionMetadata = await import("@/app/oip/[owner]/v2/models/[name]/versions/[version]/route");
const versionReady = await import("@/app/oip/[owner]/v2/models/[name]/versions/[version]/ready/route");
const versionInfer = await import("@/app/oip/[owner]/v2/models/[name]/versions/[version]/infer/route");
const health = await import("@/app/oip/[owner]/v2/health/ready/route");

// ---- a KServe V2 model server: answers each input tensor back as an output named out_<name>, datatypes kept ----
const seen: Record<string, unknown>[] = [];
let upstream: Server;
let port = 0;
beforeAll(async () => {
  upstream = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        inputs: { name: string; shape: number[]; datatype: string; data: unknown[] }[];
      };
      seen.push({ url: req.url, ...body });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ model_name: "echo", outputs: body.inputs.map((t) => ({ ...t, name: `out_${t.name}` })) }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  port = (upstream.address() as AddressInfo).port;
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "oip tests" }, update: {} });
  invalidateEgressAllowList();
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: unknown, params: Record<string, string>, options: { secret?: string; body?: unknown; method?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.secret) headers.authorization = `Bearer ${options.secret}`;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const req = new NextRequest("http://localhost/oip/x", { method: options.method ?? (body ? "POST" : "GET"), headers, body });
  const res = await (handler as Handler)(req, { params: Promise.resolve(params) });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

async function iris(options: { visibility?: "public" | "gated" } = {}) {
  const m = await createModel({ visibility: options.visibility });
  await createVersion(m.model.id, { version: "1.0.0", status: "approved" });
  return m;
}
async function kserve() {
  const m = await createModel();
  await createVersion(m.model.id, {
    version: "2.0.0",
    status: "approved",
    runtime: "http",
    httpProtocol: "kserve_v2",
    artifactPath: null,
    inputSchema: { type: "object", properties: { text: { type: "array", items: { type: "string" } } } },
    endpointUrl: `http://localhost:${port}`,
    upstreamModelName: "echo",
  });
  return m;
}
const row = async (requestId: string | null) => {
  await expect.poll(() => db.invocation.count({ where: { requestId: requestId ?? "none" } })).toBe(1);
  return db.invocation.findFirstOrThrow({ where: { requestId: requestId ?? "none" } });
};
const SETOSA = [4.8, 3.4, 1.6, 0.2];

describe("Open Inference Protocol door", () => {
  it("describes an ONNX model's tensors (metadata), latest and by version", async () => {
    const { owner, name } = await iris();
    const { secret } = await createAppWithKey();
    const latest = await call(metadata.GET, { owner, name }, { secret });
    expect(latest.res.status).toBe(200);
    expect(latest.body).toEqual({
      name,
      versions: ["1.0.0"],
      platform: "onnxruntime_onnx",
      inputs: [{ name: "features", datatype: "FP32", shape: [-1, 4] }],
      outputs: expect.arrayContaining([
        { name: "probabilities", datatype: "FP32", shape: [-1, 3] },
        { name: "label", datatype: "INT64", shape: [-1] },
      ]) as unknown,
    });
    const pinned = await call(versionMetadata.GET, { owner, name, version: "1.0.0" }, { secret });
    expect(pinned.body).toEqual(latest.body);
  });

  it("answers ready for a callable version, and 404 {error} for a missing one; server ready per owner", async () => {
    const { owner, name } = await iris();
    const { secret } = await createAppWithKey();
    expect((await call(ready.GET, { owner, name }, { secret })).body).toEqual({ name, ready: true });
    expect((await call(versionReady.GET, { owner, name, version: "1.0.0" }, { secret })).body).toEqual({ name, ready: true });
    const missing = await call(versionReady.GET, { owner, name, version: "9.9.9" }, { secret });
    expect(missing.res.status).toBe(404);
    expect(Object.keys(missing.body)).toEqual(["error"]);
    expect(typeof missing.body.error).toBe("string");
    expect((await call(health.GET, { owner }, { secret })).body).toEqual({ ready: true });
    expect((await call(health.GET, { owner: "no-such-owner-oip" }, { secret })).res.status).toBe(404);
    const badKey = await call(metadata.GET, { owner, name }, { secret: "mp_not-a-key" });
    expect([badKey.res.status, Object.keys(badKey.body)]).toEqual([401, ["error"]]);
  });

  it("infers FP32 in, FP32 and INT64 out on ONNX, recorded once on channel oip", async () => {
    const { owner, name, model } = await iris();
    const { secret, key } = await createAppWithKey();
    const request = { id: "req-1", inputs: [{ name: "features", shape: [1, 4], datatype: "FP32", data: SETOSA }] };
    const r = await call(infer.POST, { owner, name }, { secret, body: request });
    expect(r.res.status).toBe(200);
    expect(r.body).toMatchObject({ model_name: name, model_version: "1.0.0", id: "req-1" });
    const outputs = r.body.outputs as { name: string; shape: number[]; datatype: string; data: number[] }[];
    expect(outputs.find((o) => o.name === "label")).toEqual({ name: "label", shape: [1], datatype: "INT64", data: [0] });
    const probs = outputs.find((o) => o.name === "probabilities")!;
    expect([probs.shape, probs.datatype, probs.data.length]).toEqual([[1, 3], "FP32", 3]);
    expect(probs.data[0]).toBeGreaterThan(0.9);
    expect(await row(r.res.headers.get("x-request-id"))).toMatchObject({
      channel: "oip",
      statusCode: 200,
      modelId: model.id,
      apiKeyId: key.id,
    });
    // Nested data, a pinned version, and only the requested output.
    const pinned = await call(
      versionInfer.POST,
      { owner, name, version: "1.0.0" },
      { secret, body: { inputs: [{ ...request.inputs[0], data: [SETOSA] }], outputs: [{ name: "label" }] } },
    );
    expect(pinned.body.outputs).toEqual([{ name: "label", shape: [1], datatype: "INT64", data: [0] }]);
  });

  it("refuses a shape mismatch, a wrong datatype and an unknown output with 400 {error}, recorded", async () => {
    const { owner, name } = await iris();
    const { secret } = await createAppWithKey();
    const short = await call(
      infer.POST,
      { owner, name },
      { secret, body: { inputs: [{ name: "features", shape: [1, 4], datatype: "FP32", data: [1, 2, 3] }] } },
    );
    expect([short.res.status, Object.keys(short.body)]).toEqual([400, ["error"]]);
    expect(short.body.error).toContain("shape [1, 4]");
    const int64 = await call(
      infer.POST,
      { owner, name },
      { secret, body: { inputs: [{ name: "features", shape: [1, 4], datatype: "INT64", data: [5, 3, 1, 0] }] } },
    );
    expect([int64.res.status, int64.body.error]).toEqual([400, "The input features must be FP32, not INT64."]);
    expect(await row(int64.res.headers.get("x-request-id"))).toMatchObject({ channel: "oip", statusCode: 400 });
    const unknownOutput = await call(
      infer.POST,
      { owner, name },
      { secret, body: { inputs: [{ name: "features", shape: [1, 4], datatype: "FP32", data: SETOSA }], outputs: [{ name: "logits" }] } },
    );
    expect([unknownOutput.res.status, unknownOutput.body.error]).toEqual([400, "The model has no output named logits."]);
    const notV2 = await call(infer.POST, { owner, name }, { secret, body: { features: [SETOSA] } });
    expect([notV2.res.status, Object.keys(notV2.body)]).toEqual([400, ["error"]]);
  });

  it("passes BYTES and INT64 tensors through to a KServe V2 server as sent", async () => {
    const { owner, name } = await kserve();
    const { secret } = await createAppWithKey();
    const inputs = [
      { name: "text", shape: [2], datatype: "BYTES", data: ["hello", "world"] },
      { name: "ids", shape: [1, 2], datatype: "INT64", data: [7, 9] },
    ];
    const r = await call(infer.POST, { owner, name }, { secret, body: { inputs } });
    expect(r.res.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ url: "/v2/models/echo/infer", inputs });
    expect(r.body).toMatchObject({ model_name: name, model_version: "2.0.0" });
    expect(r.body.outputs).toEqual([
      { name: "out_text", shape: [2], datatype: "BYTES", data: ["hello", "world"] },
      { name: "out_ids", shape: [1, 2], datatype: "INT64", data: [7, 9] },
    ]);
    expect(await row(r.res.headers.get("x-request-id"))).toMatchObject({ channel: "oip", statusCode: 200 });
    const meta = await call(metadata.GET, { owner, name }, { secret });
    expect(meta.body).toMatchObject({ platform: "kserve_v2", inputs: [{ name: "text", datatype: "BYTES", shape: [-1] }] });
    // The same rule as the invoke API: BYTES data must be strings.
    const wrong = await call(
      infer.POST,
      { owner, name },
      { secret, body: { inputs: [{ name: "text", shape: [1], datatype: "BYTES", data: [1] }] } },
    );
    expect(wrong.res.status).toBe(400);
  });

  it("refuses a gated model without a grant (403 {error}, recorded) and a non-tensor model (400)", async () => {
    const gated = await iris({ visibility: "gated" });
    const { secret } = await createAppWithKey();
    const body = { inputs: [{ name: "features", shape: [1, 4], datatype: "FP32", data: SETOSA }] };
    const denied = await call(infer.POST, { owner: gated.owner, name: gated.name }, { secret, body });
    expect(denied.res.status).toBe(403);
    expect(denied.body.error).toContain("gated");
    expect(await row(denied.res.headers.get("x-request-id"))).toMatchObject({
      channel: "oip",
      statusCode: 403,
      errorCode: "access_not_granted",
    });
    expect((await call(metadata.GET, { owner: gated.owner, name: gated.name }, { secret })).res.status).toBe(403);
    const plain = await createModel();
    await createVersion(plain.model.id, {
      version: "1.0.0",
      status: "approved",
      runtime: "http",
      artifactPath: null,
      inputSchema: { type: "object" },
      endpointUrl: `http://localhost:${port}/plain`,
    });
    const refused = await call(infer.POST, { owner: plain.owner, name: plain.name }, { secret, body });
    expect([refused.res.status, Object.keys(refused.body)]).toEqual([400, ["error"]]);
    expect(refused.body.error).toContain("not a tensor model");
  });

  it("gives ONNX versions an OIP (curl) snippet whose request the door answers", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved", exampleInput: { features: [SETOSA] } });
    await db.model.update({ where: { id: model.id }, data: { slug: `${owner}/${name}` } }); // the catalog's slug (the fixtures' differs)
    const all = await getModelSnippets({ owner, name, viewer: null, baseUrl: "http://portal.test" });
    const oip = all.filter((s) => s.target === "oip-curl");
    expect(oip.map((s) => [s.label, s.form, s.version])).toEqual([["OIP (curl)", "pinned", "1.0.0"]]);
    expect(oip[0].code).toContain(`"http://portal.test/oip/${owner}/v2/models/${name}/versions/1.0.0/infer"`);
    expect(oip[0].code).toContain("Bearer $MODELPORT_API_KEY");
    const sent = JSON.parse(/-d '(.*)'/.exec(oip[0].code)![1]) as unknown;
    expect(sent).toEqual({ inputs: [{ name: "features", shape: [1, 4], datatype: "FP32", data: SETOSA }] });
    const { secret } = await createAppWithKey();
    const r = await call(versionInfer.POST, { owner, name, version: "1.0.0" }, { secret, body: sent });
    expect(r.res.status).toBe(200);
    expect((r.body.outputs as { name: string; data: unknown }[]).find((o) => o.name === "label")?.data).toEqual([0]);
  });
});
