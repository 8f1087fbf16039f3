import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { flushTracing, startTracing, stopTracing, tracingActive } from "@/lib/server/tracing";
import { answerInvoke } from "@/gateway/invoke";

// OpenTelemetry tracing end to end over real HTTP: a loopback OTLP/HTTP receiver (JSON protocol) collects the
// exported spans, a loopback model server records the headers it gets. Tracing is started in this test file's
// own process only, and stopped (unregistered) at its end.

const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
  status?: { code?: number };
};
type OtlpExport = {
  resourceSpans: { resource?: { attributes?: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
};

const exports: OtlpExport[] = [];
const exportPaths: string[] = [];
const seenByModel: IncomingHttpHeaders[] = [];
let receiver: Server;
let modelServer: Server;
let door: Server;
let modelPort = 0;
let doorPort = 0;

const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
};
const close = async (server: Server) => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
};

const spans = () => exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
const attrs = (span: OtlpSpan) =>
  Object.fromEntries(
    (span.attributes ?? []).map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue),
    ]),
  );
const traceparentOf = (headers: IncomingHttpHeaders) => {
  const value = headers.traceparent;
  const match = typeof value === "string" ? /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(value) : null;
  return match ? { traceId: match[1], parentId: match[2] } : null;
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      exportPaths.push(`${req.method} ${req.url} ${req.headers["content-type"]}`);
      exports.push(JSON.parse(body) as OtlpExport);
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
  });
  modelServer = createServer((req, res) => {
    seenByModel.push(req.headers);
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ label: "ok" }));
    });
  });
  door = createServer((req, res) => {
    if (answerInvoke(req, res)) return;
    res.statusCode = 404;
    res.end();
  });
  const receiverPort = await listen(receiver);
  modelPort = await listen(modelServer);
  doorPort = await listen(door);
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${receiverPort}`;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
  process.env.OTEL_SERVICE_NAME = "modelport-test";
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "gateway tests" }, update: {} });
  invalidateEgressAllowList();
});

afterAll(async () => {
  await stopTracing();
  for (const name of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME"]) delete process.env[name];
  await Promise.all([close(receiver), close(modelServer), close(door)]);
});

async function httpModel() {
  const m = await createModel();
  await createVersion(m.model.id, {
    version: "1.0.0",
    status: "approved",
    runtime: "http",
    artifactPath: null,
    inputSchema: { type: "object" },
    endpointUrl: `http://localhost:${modelPort}/predict`,
    secretHeaderName: "x-upstream-secret",
    secretHeaderValue: "upstream-secret-value-123",
  });
  return { ...m, ...(await createAppWithKey()) };
}

const PAYLOAD = { question: "payload-marker-7f3a" };

/** A call through the door (its own HTTP server, as in production). */
async function callDoor(owner: string, name: string, secret: string, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${doorPort}/api/v1/models/${owner}/${name}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(PAYLOAD),
  });
}

/** A call through the Next route handler (the console's and `next dev`'s path). */
async function callRoute(owner: string, name: string, secret: string, headers: Record<string, string> = {}) {
  const req = new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(PAYLOAD),
  });
  return invokeLatest(req, { params: Promise.resolve({ owner, name }) });
}

describe("tracing off (no OTLP endpoint)", () => {
  it("sends no traceparent to the model server and exports nothing", async () => {
    expect(tracingActive()).toBe(false);
    const { owner, name, secret } = await httpModel();
    const incoming = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const res = await callDoor(owner, name, secret, { traceparent: incoming });
    expect(res.status).toBe(200);
    const seen = seenByModel.at(-1)!;
    expect(seen["x-upstream-secret"]).toBe("upstream-secret-value-123"); // the call did reach the model server
    expect(seen.traceparent).toBeUndefined();
    expect(seen.tracestate).toBeUndefined();
    expect(exports).toHaveLength(0);
  });
});

describe("tracing on (OTLP/HTTP JSON to a loopback receiver)", () => {
  beforeAll(async () => {
    expect(await startTracing("test")).toBe(true);
  });

  it.each([
    ["the door", callDoor],
    ["the Next route", callRoute],
  ])(
    "through %s: a gateway.call span (child of the caller's traceparent) with its steps and the upstream call, whose traceparent the model server got",
    async (_door, call) => {
      const { owner, name, secret, app, key } = await httpModel();
      const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
      const callerSpan = "00f067aa0ba902b7";
      const res = await call(owner, name, secret, { traceparent: `00-${callerTrace}-${callerSpan}-01` });
      expect(res.status).toBe(200);
      const requestId = res.headers.get("x-request-id")!;
      const seen = traceparentOf(seenByModel.at(-1)!);
      expect(seen).not.toBeNull();
      await flushTracing();

      const ours = spans().filter((s) => s.traceId === callerTrace);
      const callSpan = ours.find((s) => s.name === "gateway.call" && attrs(s)["modelport.request_id"] === requestId);
      expect(callSpan).toBeDefined();
      expect(callSpan!.parentSpanId).toBe(callerSpan);
      expect(attrs(callSpan!)).toMatchObject({
        "modelport.model": `${owner}/${name}`,
        "modelport.version": "1.0.0",
        "modelport.channel": "api",
        "modelport.status": 200,
        "modelport.app_id": app.id,
      });
      const children = ours.filter((s) => s.parentSpanId === callSpan!.spanId).map((s) => s.name);
      expect(children).toEqual(
        expect.arrayContaining(["gateway.resolve", "gateway.authorize", "gateway.validate", "gateway.run", "gateway.record"]),
      );
      const run = ours.find((s) => s.name === "gateway.run" && s.parentSpanId === callSpan!.spanId)!;
      const upstream = ours.find((s) => s.name === "gateway.upstream" && s.parentSpanId === run.spanId);
      expect(upstream).toBeDefined();
      expect(upstream!.kind).toBe(3); // SPAN_KIND_CLIENT
      expect(attrs(upstream!)).toMatchObject({ "http.response.status_code": 200, "server.address": "localhost", "server.port": modelPort });
      // The model server continued the same trace, as a child of the upstream span.
      expect(seen).toEqual({ traceId: upstream!.traceId, parentId: upstream!.spanId });

      // Exported as OTLP/HTTP JSON to {endpoint}/v1/traces under the configured service name.
      expect(exportPaths.at(-1)).toBe("POST /v1/traces application/json");
      const resource = exports.at(-1)!.resourceSpans[0].resource!;
      expect(Object.fromEntries(resource.attributes!.map((a) => [a.key, a.value.stringValue]))).toMatchObject({
        "service.name": "modelport-test",
      });
      // Never a key, an upstream secret or a payload in what is exported.
      const exported = JSON.stringify(exports);
      expect(exported).not.toContain(secret);
      expect(exported).not.toContain(key.prefix + "_");
      expect(exported).not.toContain("upstream-secret-value-123");
      expect(exported).not.toContain("payload-marker-7f3a");
      const row = await db.invocation.findFirst({ where: { requestId } });
      expect(row).toMatchObject({ channel: "api", statusCode: 200 });
    },
  );

  it("without an incoming traceparent a call starts its own trace; a refused call's span says why", async () => {
    const { owner, name } = await httpModel();
    const ok = await callDoor(owner, name, (await createAppWithKey()).secret);
    expect(ok.status).toBe(200);
    const seen = traceparentOf(seenByModel.at(-1)!)!;
    // A key limited to another model: refused inside the governed call, by its authorize step.
    const limited = await createAppWithKey({ modelAllowlist: [(await createModel()).model.id] });
    const refused = await callDoor(owner, name, limited.secret);
    expect(refused.status).toBe(403);
    await flushTracing();
    const root = spans().find((s) => s.name === "gateway.call" && s.traceId === seen.traceId)!;
    expect(root).toBeDefined();
    expect(root.parentSpanId ?? "").toBe("");
    const refusedSpan = spans().find(
      (s) => s.name === "gateway.call" && attrs(s)["modelport.request_id"] === refused.headers.get("x-request-id"),
    )!;
    expect(attrs(refusedSpan)).toMatchObject({
      "modelport.status": 403,
      "modelport.error_code": "forbidden",
      "modelport.app_id": limited.app.id,
    });
    const authorize = spans().find((s) => s.name === "gateway.authorize" && s.parentSpanId === refusedSpan.spanId)!;
    expect(attrs(authorize)["error.type"]).toBe("forbidden");
    expect(authorize.status?.code ?? 0).toBe(0); // a refusal, not a failure: no ERROR status
    // An unknown model: the call span has the 404 it answered with.
    const missing = await callDoor(owner, `${name}-missing`, limited.secret);
    expect(missing.status).toBe(404);
    await flushTracing();
    const missingSpan = spans().find(
      (s) => s.name === "gateway.call" && attrs(s)["modelport.request_id"] === missing.headers.get("x-request-id"),
    )!;
    expect(attrs(missingSpan)).toMatchObject({ "modelport.status": 404, "error.type": "not_found" });
    // Refused before it ran: no run step, no upstream call.
    expect(spans().some((s) => s.traceId === refusedSpan.traceId && s.name === "gateway.run")).toBe(false);
  });
});
