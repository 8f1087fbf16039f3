// CORS on the invoke routes: an app's allowed browser origins get the preflight and the answer's headers,
// every other origin gets none of them. The gateway door (production's path for key calls) and the Next
// route must answer identically, preflights included (which carry no Authorization header).
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { answerInvoke } from "@/gateway/invoke";
import { createAppWithKey, createModel, createVersion, uid } from "@/lib/gateway/test-fixtures";

const latestRoute = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const exactRoute = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
  outputSchema: object;
};

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (!answerInvoke(req, res)) {
      res.statusCode = 599; // not taken: production would hand it to Next
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

type Answer = { status: number; cors: Record<string, string>; vary: string | null; body: string };
const answer = async (res: Response): Promise<Answer> => {
  const cors: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name.startsWith("access-control-")) cors[name] = value;
  });
  return { status: res.status, cors, vary: res.headers.get("vary"), body: (await res.text()).replace(/req_[0-9a-f-]+/g, "REQ") };
};

/** The same request through the gateway door and through the Next route handler. */
async function both(
  path: string,
  init: { method: "POST" | "OPTIONS"; headers: Record<string, string>; body?: string },
): Promise<[Answer, Answer]> {
  const door = await answer(await fetch(`${base}${path}`, init));
  const url = new URL(`http://localhost${path}`);
  const s = url.pathname.split("/").map(decodeURIComponent); // ["", api, v1, models, owner, name, …]
  const req = new NextRequest(url, init);
  const exact = s[6] === "versions";
  let res: Response;
  if (init.method === "OPTIONS") res = await (exact ? exactRoute.OPTIONS(req) : latestRoute.OPTIONS(req));
  else if (exact) res = await exactRoute.POST(req, { params: Promise.resolve({ owner: s[4], name: s[5], version: s[7] }) });
  else res = await latestRoute.POST(req, { params: Promise.resolve({ owner: s[4], name: s[5] }) });
  return [door, await answer(res)];
}

async function setting() {
  const { owner, name, model } = await createModel();
  await createVersion(model.id, { version: "1.0.0", status: "approved", inputSchema: iris.inputSchema, outputSchema: iris.outputSchema });
  const mine = await createAppWithKey();
  const other = await createAppWithKey();
  const allowed = `https://shop-${uid()}.example.com`;
  const othersOrigin = `http://localhost:${40000 + Math.floor(Math.random() * 9999)}`;
  await db.app.update({ where: { id: mine.app.id }, data: { allowedOrigins: [allowed] } });
  await db.app.update({ where: { id: other.app.id }, data: { allowedOrigins: [othersOrigin] } });
  return {
    path: `/api/v1/models/${owner}/${name}/versions/1.0.0/invoke`,
    latest: `/api/v1/models/${owner}/${name}/invoke`,
    mine,
    other,
    allowed,
    othersOrigin,
  };
}

const preflightHeaders = (origin: string) => ({
  origin,
  "access-control-request-method": "POST",
  "access-control-request-headers": "authorization,content-type",
});

describe("CORS on the invoke routes", () => {
  it("answers a preflight from an allowed origin with the allow headers, without needing a key", async () => {
    const s = await setting();
    for (const path of [s.path, s.latest]) {
      const [door, next] = await both(path, { method: "OPTIONS", headers: preflightHeaders(s.allowed) });
      expect(door).toEqual(next);
      expect(door.status).toBe(204);
      expect(door.cors).toEqual({
        "access-control-allow-origin": s.allowed,
        "access-control-allow-methods": "POST, OPTIONS",
        "access-control-allow-headers": "Authorization, Content-Type, Accept, Prefer",
        "access-control-max-age": "600",
      });
      expect(door.cors["access-control-allow-credentials"]).toBeUndefined();
      expect(door.vary).toContain("Origin");
    }
  });

  it("refuses a preflight from an origin no app lists: 403 in the error shape, no CORS header", async () => {
    await setting();
    const stranger = `https://evil-${uid()}.example.net`;
    const s = await setting();
    const [door, next] = await both(s.path, { method: "OPTIONS", headers: preflightHeaders(stranger) });
    expect(door).toEqual(next);
    expect(door.status).toBe(403);
    expect(door.cors).toEqual({});
    expect(JSON.parse(door.body)).toMatchObject({ error: { code: "forbidden", requestId: "REQ" } });
    expect(JSON.parse(door.body).error.message).toContain(stranger);
    // A look-alike of an allowed origin (other scheme, port or a suffix) is another origin.
    for (const lookalike of [s.allowed.replace("https:", "http:"), `${s.allowed}:8443`, `${s.allowed}.evil.net`, "null"]) {
      const [l] = await both(s.path, { method: "OPTIONS", headers: preflightHeaders(lookalike) });
      expect([lookalike, l.cors]).toEqual([lookalike, {}]);
    }
  });

  it("lets the page read the answer only when the key's own app lists its origin", async () => {
    const s = await setting();
    const call = (secret: string, origin?: string) => ({
      method: "POST" as const,
      body: JSON.stringify(iris.exampleInput),
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...(origin ? { origin } : {}) },
    });
    // The key's app lists the origin: the prediction is readable.
    const [door, next] = await both(s.path, call(s.mine.secret, s.allowed));
    expect({ ...door, body: "" }).toEqual({ ...next, body: "" });
    expect(door.status).toBe(200);
    expect(door.cors["access-control-allow-origin"]).toBe(s.allowed);
    expect(door.cors["access-control-expose-headers"]).toContain("X-Request-Id");
    expect(door.cors["access-control-expose-headers"]).toContain("Server-Timing");
    expect(door.vary).toContain("Origin");
    expect(JSON.parse(door.body).output.label).toHaveLength(1);
    // Another app lists that origin, not this key's app: no CORS header (the browser hides the answer).
    const [foreign, foreignNext] = await both(s.path, call(s.mine.secret, s.othersOrigin));
    expect(foreign.cors).toEqual({});
    expect(foreignNext.cors).toEqual({});
    // Errors are readable too, so the page can show them: a 422 from the key's allowed origin.
    const [invalid] = await both(s.path, { ...call(s.mine.secret, s.allowed), body: JSON.stringify({ features: [[1]] }) });
    expect([invalid.status, invalid.cors["access-control-allow-origin"]]).toEqual([422, s.allowed]);
    // Without an Origin header (servers, scripts): no CORS headers at all.
    const [server] = await both(s.path, call(s.mine.secret));
    expect([server.status, server.cors, server.vary]).toEqual([200, {}, null]);
  });

  it("lets an allowed origin read the 401 of an unknown key, and tells nothing to other origins", async () => {
    const s = await setting();
    const bad = { authorization: "Bearer mp_00000000_notarealkeynotarealkeynotarealkey", "content-type": "application/json" };
    const [door, next] = await both(s.path, { method: "POST", body: "{}", headers: { ...bad, origin: s.allowed } });
    expect(door).toEqual(next);
    expect([door.status, door.cors["access-control-allow-origin"]]).toEqual([401, s.allowed]);
    const [stranger] = await both(s.path, { method: "POST", body: "{}", headers: { ...bad, origin: "https://nobody.example.org" } });
    expect([stranger.status, stranger.cors]).toEqual([401, {}]);
  });

  it("follows changes to an app's origins and its deletion at once", async () => {
    const s = await setting();
    const added = `https://new-${uid()}.example.com`;
    expect((await both(s.path, { method: "OPTIONS", headers: preflightHeaders(added) }))[0].status).toBe(403);
    await db.app.update({ where: { id: s.mine.app.id }, data: { allowedOrigins: [s.allowed, added] } });
    expect((await both(s.path, { method: "OPTIONS", headers: preflightHeaders(added) }))[0].status).toBe(204);
    await db.app.update({ where: { id: s.mine.app.id }, data: { deletedAt: new Date() } });
    const [gone] = await both(s.path, { method: "OPTIONS", headers: preflightHeaders(added) });
    expect([gone.status, gone.cors]).toEqual([403, {}]);
  });
});
