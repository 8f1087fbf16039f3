import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { invalidateEgressAllowList } from "@/lib/server/net/egress-rules";
import { guardedRequest } from "@/lib/server/net/guarded-request";
import { EgressAllowList } from "@/lib/server/net/ip-policy";

let hits = 0;
let target: Server;
let redirector: Server;
let targetPort = 0;
let redirectPort = 0;

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  target = createServer((req, res) => {
    hits++;
    res.setHeader("content-type", "application/json");
    res.end(req.url === "/big" ? JSON.stringify({ pad: "x".repeat(5000) }) : JSON.stringify({ ok: true, path: req.url }));
  });
  targetPort = await listen(target, "127.0.0.1");
  // 127.0.0.2 is loopback too on Linux; allow-listing only it lets the redirect test reach the redirector.
  redirector = createServer((_req, res) => {
    res.statusCode = 302;
    res.setHeader("location", `http://127.0.0.1:${targetPort}/secret`);
    res.end();
  });
  redirectPort = await listen(redirector, "127.0.0.2");
});

afterAll(async () => {
  await new Promise((r) => target.close(r));
  await new Promise((r) => redirector.close(r));
});

const none = new EgressAllowList([]);

describe("guardedRequest", () => {
  it.each(["127.0.0.1", "169.254.169.254", "10.0.0.7", "[::1]", "[::ffff:127.0.0.1]"])(
    "refuses http://%s without contacting it",
    async (host) => {
      const before = hits;
      await expect(guardedRequest(`http://${host}:${targetPort}/x`, { allowList: none, timeoutMs: 2000 })).rejects.toMatchObject({
        code: "egress_blocked",
      });
      expect(hits).toBe(before);
    },
  );

  it("refuses a name that resolves to loopback (localhost, and a custom resolver)", async () => {
    const before = hits;
    await expect(guardedRequest(`http://localhost:${targetPort}/`, { allowList: none })).rejects.toMatchObject({ code: "egress_blocked" });
    const rebinding = async () => [{ address: "127.0.0.1", family: 4 }];
    await expect(guardedRequest(`http://models.example.com:${targetPort}/`, { allowList: none, resolve: rebinding })).rejects.toMatchObject(
      { code: "egress_blocked" },
    );
    const mixed = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "::1", family: 6 },
    ];
    await expect(guardedRequest(`http://mixed.example.com:${targetPort}/`, { allowList: none, resolve: mixed })).rejects.toMatchObject({
      code: "egress_blocked",
    });
    expect(hits).toBe(before);
  });

  it("never says what a refused name resolves to", async () => {
    const internal = async () => [{ address: "10.20.30.40", family: 4 }];
    const error = await guardedRequest(`http://billing.corp.example:${targetPort}/`, { allowList: none, resolve: internal }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "egress_blocked" });
    expect((error as Error).message).toContain("billing.corp.example");
    expect((error as Error).message).not.toMatch(/10\.20\.30\.40|resolves to/);
    const loopback = await guardedRequest(`http://localhost:${targetPort}/`, { allowList: none }).catch((e: Error) => e);
    expect((loopback as Error).message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it.each(["[::ffff:0:7f00:1]", "[64:ff9b:1::7f00:1]", "[::7f00:1]", "[2002:7f00:1::]", "[64:ff9b::7f00:1]"])(
    "refuses http://%s (loopback in an IPv6 disguise)",
    async (host) => {
      const before = hits;
      await expect(guardedRequest(`http://${host}:${targetPort}/x`, { allowList: none, timeoutMs: 2000 })).rejects.toMatchObject({
        code: "egress_blocked",
      });
      expect(hits).toBe(before);
    },
  );

  it("never follows a redirect to loopback", async () => {
    const before = hits;
    const allow = new EgressAllowList(["127.0.0.2"]);
    await expect(guardedRequest(`http://127.0.0.2:${redirectPort}/`, { allowList: allow })).rejects.toMatchObject({
      code: "upstream_error",
    });
    expect(hits).toBe(before);
  });

  it("reaches an allow-listed upstream by IP, by CIDR and by host name", async () => {
    for (const pattern of ["127.0.0.1", "127.0.0.0/8", "localhost"]) {
      const host = pattern === "localhost" ? "localhost" : "127.0.0.1";
      const res = await guardedRequest(`http://${host}:${targetPort}/ok`, { method: "GET", allowList: new EgressAllowList([pattern]) });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString())).toEqual({ ok: true, path: "/ok" });
    }
  });

  it("uses the egress_rules table by default", async () => {
    invalidateEgressAllowList();
    await expect(guardedRequest(`http://127.0.0.1:${targetPort}/`, {})).rejects.toMatchObject({ code: "egress_blocked" });
    const rule = await db.egressRule.create({ data: { pattern: "127.0.0.1/32", note: "test" } });
    try {
      invalidateEgressAllowList();
      expect((await guardedRequest(`http://127.0.0.1:${targetPort}/db`, { method: "GET" })).status).toBe(200);
    } finally {
      await db.egressRule.delete({ where: { id: rule.id } });
      invalidateEgressAllowList();
    }
  });

  it("limits the response size and the time", async () => {
    const allow = new EgressAllowList(["127.0.0.1"]);
    await expect(guardedRequest(`http://127.0.0.1:${targetPort}/big`, { allowList: allow, maxResponseBytes: 1000 })).rejects.toMatchObject({
      code: "upstream_error",
    });
    const slow = createServer(() => {});
    const port = await listen(slow, "127.0.0.1");
    try {
      await expect(guardedRequest(`http://127.0.0.1:${port}/`, { allowList: allow, timeoutMs: 150 })).rejects.toMatchObject({
        code: "upstream_timeout",
      });
    } finally {
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });

  it("sends again on a fresh connection when a pooled keep-alive socket was closed by the server", async () => {
    let requests = 0;
    const perSocket = new WeakMap<object, number>();
    // Answers the first request of each connection, drops the connection on the second (a stale pooled socket).
    const flaky = createServer((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) return req.socket.destroy();
      res.end("{}");
    });
    const port = await listen(flaky, "127.0.0.1");
    try {
      const allow = new EgressAllowList(["127.0.0.1"]);
      expect((await guardedRequest(`http://127.0.0.1:${port}/`, { allowList: allow })).status).toBe(200);
      expect((await guardedRequest(`http://127.0.0.1:${port}/`, { allowList: allow })).status).toBe(200);
      expect(requests).toBe(3);
    } finally {
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });

  it("reports a closed port as unavailable", async () => {
    const closed = createServer();
    const port = await listen(closed, "127.0.0.1");
    await new Promise((r) => closed.close(r));
    await expect(guardedRequest(`http://127.0.0.1:${port}/`, { allowList: new EgressAllowList(["127.0.0.1"]) })).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
  });
});
