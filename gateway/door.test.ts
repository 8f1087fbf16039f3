// The gateway door (gateway/server.ts, production's path for Bearer-key invoke calls) is its own process and
// must answer exactly like the Next route handler: same status, headers and body for successes and every kind
// of error, a recorded row for each, and a key revoked anywhere refused on its next call. The door runs as a
// real process here, started as scripts/start.ts starts it; where Next would be, a stub answers 599 ("not the
// door's"), so what the door forwards is visible.
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { revokeApiKey } from "@/lib/apps/revoke-api-key";
import { db } from "@/lib/server/db";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { apiSecurityHeaders } from "@/lib/http/security-headers";
import { createAppWithKey, createModel, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import { startDoor, type DoorProcess } from "@/test/door-process";

const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const { POST: invokeExact } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
  outputSchema: object;
};

let next: Server;
let upstream: Server;
let door: DoorProcess;
let base = "";
let upstreamPort = 0;
beforeAll(async () => {
  // An echo model server, for answers large enough to be compressed.
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ echoed: JSON.parse(body) as unknown }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
  upstreamPort = (upstream.address() as AddressInfo).port;
  await db.egressRule.upsert({ where: { pattern: "localhost" }, create: { pattern: "localhost", note: "gateway door tests" }, update: {} });
  invalidateEgressAllowList();
  next = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(599).end()); // "not the door's": in production, Next's answer
  });
  await new Promise<void>((r) => next.listen(0, "127.0.0.1", () => r()));
  // Only a notification can evict the door's cached key (the revoke case below): a TTL of 10 minutes.
  door = await startDoor({ nextPort: (next.address() as AddressInfo).port, env: { MODELPORT_GATEWAY_CACHE_TTL_MS: "600000" } });
  base = door.url;
});
afterAll(async () => {
  await door?.stop();
  for (const s of [next, upstream]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

type Answer = { status: number; headers: Record<string, string>; body: string; requestId: string | null };
const VOLATILE = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
const normalise = (text: string) =>
  text
    .replace(/req_[0-9a-f-]{36}/g, "REQ")
    .replace(/;r=\d+/g, ";r=N")
    .replace(/dur=\d+(\.\d+)?/g, "dur=N")
    .replace(/;t=\d+/g, ";t=N");

async function answer(res: Response): Promise<Answer> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!VOLATILE.has(name)) headers[name] = normalise(value);
  });
  return { status: res.status, headers, body: normalise(await res.text()), requestId: res.headers.get("x-request-id") };
}

// `auth` per side when it is a key: each side has its own, so their rate-limit counts stay in step.
type Call = { path: string; auth?: string | { door: string; next: string }; body?: string; headers?: Record<string, string> };
async function both(c: Call, secrets: { door: string; next: string }): Promise<[Answer, Answer]> {
  const init = (secret: string) => ({
    method: "POST",
    headers: { authorization: typeof c.auth === "string" ? c.auth : `Bearer ${secret}`, "content-type": "application/json", ...c.headers },
    body: c.body ?? JSON.stringify(iris.exampleInput),
  });
  const sides = typeof c.auth === "object" ? c.auth : secrets;
  const viaDoor = await answer(await fetch(`${base}${c.path}`, init(sides.door)));
  const url = new URL(`http://localhost${c.path}`);
  const segments = url.pathname.split("/").map(decodeURIComponent); // ["", api, v1, models, owner, name, …]
  const req = new NextRequest(url, init(sides.next));
  const res =
    segments[6] === "versions"
      ? await invokeExact(req, { params: Promise.resolve({ owner: segments[4], name: segments[5], version: segments[7] }) })
      : await invokeLatest(req, { params: Promise.resolve({ owner: segments[4], name: segments[5] }) });
  // In production the door adds the security headers to the API answers it forwards from Next.
  for (const [header, value] of Object.entries(apiSecurityHeaders())) res.headers.set(header, value);
  return [viaDoor, await answer(res)];
}

describe("the gateway door process", () => {
  it("answers every case exactly like the Next route, and records each call", async () => {
    const { owner, name, model } = await createModel();
    const next = await createVersion(model.id, {
      version: "2.0.0",
      status: "approved",
      inputSchema: iris.inputSchema,
      outputSchema: iris.outputSchema,
    });
    await createVersion(model.id, {
      version: "1.5.0",
      status: "deprecated",
      deprecatedAt: new Date("2026-01-01T00:00:00Z"),
      sunsetAt: new Date("2027-01-01T00:00:00Z"),
      replacementVersionId: next.id,
    });
    await createVersion(model.id, { version: "1.0.0", status: "retired", retiredAt: new Date(), replacementVersionId: next.id });
    await createVersion(model.id, { version: "3.0.0-beta", status: "draft" });
    const hidden = await createModel();
    await createVersion(hidden.model.id, { version: "1.0.0", status: "draft" });
    const secrets = { door: (await createAppWithKey()).secret, next: (await createAppWithKey()).secret };
    const noScope = {
      door: (await createAppWithKey({ scopes: ["read"] })).secret,
      next: (await createAppWithKey({ scopes: ["read"] })).secret,
    };
    const m = `/api/v1/models/${owner}/${name}`;
    // [label, call, status, recorded?] — a row exists once the model and version are known.
    const cases: [string, Call, number, boolean][] = [
      ["latest", { path: `${m}/invoke` }, 200, true],
      ["range", { path: `${m}/invoke?version=%5E1` }, 200, true],
      ["deprecated, exact", { path: `${m}/versions/1.5.0/invoke` }, 200, true],
      ["bad range", { path: `${m}/invoke?version=nope` }, 422, false],
      ["schema", { path: `${m}/invoke`, body: JSON.stringify({ features: [[1, 2]] }) }, 422, true],
      ["malformed JSON", { path: `${m}/invoke`, body: "{" }, 400, true],
      ["empty body", { path: `${m}/invoke`, body: "" }, 400, true],
      ["too large", { path: `${m}/invoke`, body: JSON.stringify({ pad: "x".repeat(1_100_000) }) }, 413, true],
      ["not a bearer header", { path: `${m}/invoke`, auth: "Basic abc" }, 401, false],
      ["unknown key", { path: `${m}/invoke`, auth: "Bearer mp_nope_nope" }, 401, false],
      ["missing scope", { path: `${m}/invoke`, auth: noScope }, 403, false],
      ["unknown model", { path: `/api/v1/models/${owner}/nope/invoke` }, 404, false],
      ["unknown version", { path: `${m}/versions/9.9.9/invoke` }, 404, false],
      ["retired", { path: `${m}/versions/1.0.0/invoke` }, 410, true],
      ["another team's draft", { path: `${m}/versions/3.0.0-beta/invoke` }, 404, false],
      ["another team's draft-only model", { path: `/api/v1/models/${hidden.owner}/${hidden.name}/invoke` }, 404, false],
      [
        "another team's draft-only model, exact",
        { path: `/api/v1/models/${hidden.owner}/${hidden.name}/versions/1.0.0/invoke` },
        404,
        false,
      ],
      ["10,000-deep JSON", { path: `${m}/invoke`, body: "[".repeat(10_000) + "]".repeat(10_000) }, 400, true],
    ];
    const recorded: string[] = [];
    const unrecorded: string[] = [];
    for (const [label, c, status, isRecorded] of cases) {
      const [viaDoor, nextRoute] = await both(c, secrets);
      expect({ label, ...viaDoor, requestId: undefined }).toEqual({ label, ...nextRoute, requestId: undefined });
      expect([label, viaDoor.status]).toEqual([label, status]);
      expect(viaDoor.headers["x-request-id"]).toBe("REQ");
      expect(viaDoor.headers).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "content-security-policy": expect.stringContaining("frame-ancestors 'none'"),
      });
      (isRecorded ? recorded : unrecorded).push(viaDoor.requestId!, nextRoute.requestId!);
    }
    // A hidden model answers exactly like a missing one.
    const [missing] = await both({ path: `/api/v1/models/${hidden.owner}/${hidden.name}-nope/invoke` }, secrets);
    const [hiddenAnswer] = await both({ path: `/api/v1/models/${hidden.owner}/${hidden.name}/invoke` }, secrets);
    expect({ ...hiddenAnswer, requestId: null }).toEqual({
      ...missing,
      body: missing.body.replace(`${hidden.name}-nope`, hidden.name),
      requestId: null,
    });
    const rows = await db.invocation.findMany({
      where: { requestId: { in: [...recorded, ...unrecorded] } },
      select: { requestId: true, channel: true },
    });
    expect(rows.map((r) => r.requestId).sort()).toEqual([...recorded].sort());
    expect(rows.every((r) => r.channel === "api")).toBe(true);
  });

  it("gzips large answers for clients that accept it, with the same content as the Next route", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, {
      version: "1.0.0",
      status: "approved",
      runtime: "http",
      httpProtocol: "generic",
      artifactPath: null,
      inputSchema: { type: "object" },
      endpointUrl: `http://localhost:${upstreamPort}/echo`,
    });
    const { secret } = await createAppWithKey();
    const body = JSON.stringify({ text: "lorem ipsum ".repeat(500) });
    const path = `/api/v1/models/${owner}/${name}/invoke`;
    const raw = await new Promise<{ headers: Record<string, unknown>; bytes: Buffer }>((resolve, reject) => {
      const req = httpRequest(
        `${base}${path}`,
        { method: "POST", headers: { authorization: `Bearer ${secret}`, "accept-encoding": "gzip", "content-type": "application/json" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    expect(raw.headers["content-encoding"]).toBe("gzip");
    expect(Number(raw.headers["content-length"])).toBe(raw.bytes.length);
    const viaDoor = JSON.parse(gunzipSync(raw.bytes).toString("utf8")) as { output: unknown; requestId: string };
    const viaNext = (await (
      await invokeLatest(
        new NextRequest(`http://localhost${path}`, { method: "POST", headers: { authorization: `Bearer ${secret}` }, body }),
        { params: Promise.resolve({ owner, name }) },
      )
    ).json()) as { output: unknown };
    expect(viaDoor.output).toEqual(viaNext.output);
    expect(viaDoor.output).toEqual({ echoed: JSON.parse(body) });
    // Without Accept-Encoding: plain.
    const plain = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method: "POST", headers: { authorization: `Bearer ${secret}` } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.headers));
      });
      req.on("error", reject);
      req.end(body);
    });
    expect(plain["content-encoding"]).toBeUndefined();
  });

  it("leaves everything else to Next: other methods, paths, calls without a key, and async calls", async () => {
    const probe = async (path: string, init: RequestInit) => (await fetch(`${base}${path}`, init)).status;
    const auth = { authorization: "Bearer mp_x_y" };
    expect(await probe("/api/v1/models/a/b/invoke", { method: "POST", body: "{}" })).toBe(599);
    expect(await probe("/api/v1/models/a/b/invoke", { method: "GET", headers: auth })).toBe(599);
    expect(await probe("/api/v1/models/a/b/invoke/", { method: "POST", headers: auth, body: "{}" })).toBe(599);
    expect(await probe("/api/v1/models/a/b/snippets", { method: "POST", headers: auth, body: "{}" })).toBe(599);
    expect(await probe("/api/v1/models/a%00/b/invoke", { method: "POST", headers: auth, body: "{}" })).toBe(599); // defineRoute's 400
    expect(await probe("/api/v1/models/a/b/invoke", { method: "POST", headers: auth, body: "{}" })).toBe(401);
    // Async calls (Prefer: respond-async) are Next's: its process stores and runs the predictions.
    const later = { ...auth, prefer: "respond-async" };
    expect(await probe("/api/v1/models/a/b/invoke", { method: "POST", headers: later, body: "{}" })).toBe(599);
    expect(
      await probe("/api/v1/models/a/b/versions/1.0.0/invoke", {
        method: "POST",
        headers: { ...auth, prefer: "wait=5, Respond-Async" },
        body: "{}",
      }),
    ).toBe(599);
    // Malformed percent-encoding: the door's own 400 (Next would fail it with a bare 500).
    const bad = await fetch(`${base}/api/v1/models/a%ZZ/b/invoke`, { method: "POST", headers: auth, body: "{}" });
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([400, "bad_request"]);
  });

  it("refuses a key revoked in another process on its next call (the door hears the commit's NOTIFY)", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { secret, app, key } = await createAppWithKey();
    const call = () =>
      fetch(`${base}/api/v1/models/${owner}/${name}/invoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}` },
        body: JSON.stringify(iris.exampleInput),
      });
    // Two calls: the key is in the door's cache (kept 10 minutes here) whatever the fixtures' own notifications evicted.
    for (let i = 0; i < 2; i++) expect((await call()).status).toBe(200);
    // The revoke as Next's route handler runs it (DELETE /api/v1/apps/{app}/keys/{keyId}), in this process.
    const user = await createUser("consumer", app.teamId);
    await revokeApiKey({ user: { teamIds: [app.teamId] }, actor: { id: user.id, label: user.email }, appId: app.id, keyId: key.id });
    const refused = await call();
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([401, "invalid_api_key"]);
  });
});
