// What the gateway door (a real process, gateway/server.ts) forwards to Next and how: the request as the client
// sent it (Host included) minus the connection's own headers, the client's address with the door's token,
// bodies streamed both ways, API answers with the security headers, and clean answers when Next is away or
// answers early. Where Next would be, a plain HTTP server of the test's.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/server/embedded-postgres";
import { apiSecurityHeaders } from "@/lib/http/security-headers";
import { startDoor, type DoorProcess } from "@/test/door-process";

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; raw: string[] };
type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let next: Server;
let door: DoorProcess;
let handler: Handler = (req, res) => {
  req.resume();
  req.on("end", () => res.end("ok"));
};
const seen: Seen[] = [];

beforeAll(async () => {
  next = createServer((req, res) => {
    const s = { method: req.method!, url: req.url!, headers: req.headers, raw: req.rawHeaders };
    seen.push(s);
    handler(req, res, s);
  });
  await new Promise<void>((r) => next.listen(0, "127.0.0.1", () => r()));
  door = await startDoor({ nextPort: (next.address() as AddressInfo).port });
});
afterAll(async () => {
  await door?.stop();
  next.closeAllConnections();
  await new Promise((r) => next.close(r));
});

/** One request over its own connection, headers exactly as given. */
function send(path: string, init: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; message: string; headers: IncomingMessage["headers"]; raw: string[]; body: string }>(
    (resolve, reject) => {
      const req = request(`${door.url}${path}`, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, message: res.statusMessage!, headers: res.headers, raw: res.rawHeaders, body }),
        );
      });
      req.on("error", reject);
      req.end(init.body);
    },
  );
}

const until = async (what: string, ok: () => boolean, ms = 15_000) => {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 10)))
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
};

describe("the door forwards to Next", () => {
  it("the request as sent, Host included, without the connection's own headers, plus the client's address and the door's token", async () => {
    seen.length = 0;
    const res = await send("/models?q=iris&x=%C3%A9", {
      headers: {
        host: "portal.example.com:8443",
        cookie: "a=1",
        "x-custom": ["one", "two"],
        connection: "keep-alive, x-hop",
        "x-hop": "drop me",
        upgrade: "h2c",
        "http2-settings": "AAMAAABkAAQCAAAAAAIAAAAA",
        te: "trailers",
        "x-modelport-peer": "6.6.6.6",
        "x-modelport-door": "forged",
      },
    });
    expect([res.status, res.body]).toEqual([200, "ok"]);
    const [s] = seen;
    expect([s.method, s.url]).toEqual(["GET", "/models?q=iris&x=%C3%A9"]);
    // The door listens on both IP versions: its peer is the socket's address as Node gives it (lib/http/client-ip.ts normalises).
    const loopback = expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/);
    expect(s.headers).toMatchObject({
      host: "portal.example.com:8443",
      cookie: "a=1",
      "x-custom": "one, two",
      "x-modelport-peer": loopback,
      "x-modelport-door": door.token,
      "x-forwarded-for": loopback,
    });
    for (const hop of ["x-hop", "upgrade", "http2-settings", "te"]) expect(s.headers[hop]).toBeUndefined();
    expect(s.raw.filter((h) => h.toLowerCase() === "x-modelport-peer")).toHaveLength(1); // the client's value is gone, not joined
    // An X-Forwarded-For a client (or a proxy in front) sent is passed on as it is: Next decides what to believe.
    await send("/x", { headers: { "x-forwarded-for": "198.51.100.7" } });
    expect(seen[1].headers["x-forwarded-for"]).toBe("198.51.100.7");
  });

  it("answers as Next did: status, its text, repeated headers; API answers also get the security headers, pages keep Next's", async () => {
    handler = (req, res) => {
      req.resume();
      res.writeHead(
        req.url!.startsWith("/api/") ? 405 : 404,
        "Not Here",
        [
          ["set-cookie", "a=1"],
          ["set-cookie", "b=2"],
          ["content-type", "application/json"],
          ["x-frame-options", "SAMEORIGIN"],
        ].flat(),
      );
      res.end('{"error":{"code":"method_not_allowed"}}');
    };
    const api = await send("/api/v1/anything", { method: "DELETE" });
    expect([api.status, api.message, api.body]).toEqual([405, "Not Here", '{"error":{"code":"method_not_allowed"}}']);
    expect(api.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    const { "x-frame-options": _ours, ...security } = apiSecurityHeaders();
    expect(api.headers).toMatchObject({ ...security, "x-frame-options": "SAMEORIGIN" }); // what Next set wins
    const page = await send("/nowhere");
    expect(page.status).toBe(404);
    expect(page.headers["content-security-policy"]).toBeUndefined(); // pages get theirs from Next (proxy.ts)
  });

  it("streams an upload to Next as it arrives, and an answer to the client as Next writes it", async () => {
    let received = 0;
    const hash = createHash("sha256");
    let finishAnswer!: () => void;
    const answerMay = new Promise<void>((r) => (finishAnswer = r));
    handler = (req, res) => {
      req.on("data", (c: Buffer) => {
        received += c.length;
        hash.update(c);
      });
      req.on("end", () => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("data: first\n\n");
        void answerMay.then(() => res.end("data: last\n\n"));
      });
    };
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const sent = createHash("sha256");
    const events: string[] = [];
    const done = new Promise<number>((resolve, reject) => {
      const req = request(
        `${door.url}/api/v1/models/t/m/versions`,
        { method: "POST", headers: { "content-type": "application/octet-stream" }, agent: false },
        (res) => {
          res.setEncoding("utf8");
          res.on("data", (c: string) => {
            events.push(c);
            if (c.includes("first")) finishAnswer();
          });
          res.on("end", () => resolve(res.statusCode!));
        },
      );
      req.on("error", reject);
      // The first MB, then the rest only once Next has it: a door that buffered the whole body would wait forever.
      req.write(chunk);
      sent.update(chunk);
      void until("Next has the first megabyte", () => received >= chunk.length).then(async () => {
        for (let i = 0; i < 15; i++) {
          sent.update(chunk);
          if (!req.write(chunk)) await once(req, "drain");
        }
        req.end();
      }, reject);
    });
    expect(await done).toBe(200);
    expect(received).toBe(16 * chunk.length);
    expect(hash.digest("hex")).toBe(sent.digest("hex"));
    // "last" could only be written after the client had "first": the answer was not held back until its end.
    expect(events.join("")).toBe("data: first\n\ndata: last\n\n");
  });

  it("passes on Next's early answer (413 while an upload streams) and keeps serving", async () => {
    handler = (req, res) => {
      let bytes = 0;
      req.on("data", (c: Buffer) => {
        bytes += c.length;
        if (bytes > 1024 * 1024 && !res.headersSent)
          res.writeHead(413, { "content-type": "application/json" }).end('{"error":{"code":"payload_too_large"}}');
      });
    };
    const result = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
      const req = request(`${door.url}/api/v1/models`, { method: "POST", headers: { "content-type": "application/json" }, agent: false });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      let answered = false;
      const write = () => {
        while (!answered && sent < 256 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
      };
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode!, body, sentWhenAnswered: sent });
        });
      });
      req.on("error", (e) => {
        if (!answered) reject(e);
      });
      write();
    });
    expect(result).toMatchObject({ status: 413, body: '{"error":{"code":"payload_too_large"}}' });
    expect(result.sentWhenAnswered).toBeLessThan(64 * 1024 * 1024);
    handler = (req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    };
    expect((await send("/api/health")).body).toBe("ok");
  });

  it("stops Next's work on a request whose client went away", async () => {
    let closedEarly!: () => void;
    const nextSawClose = new Promise<void>((r) => (closedEarly = r));
    let started!: () => void;
    const streaming = new Promise<void>((r) => (started = r));
    handler = (req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("tick\n");
      started();
      res.on("close", () => {
        if (!res.writableFinished) closedEarly();
      });
    };
    const client = request(`${door.url}/api/v1/chargeback?format=csv`, { agent: false }, (res) => res.resume());
    client.on("error", () => {});
    client.end();
    await streaming;
    client.destroy();
    await nextSawClose;
  });

  it("answers 503 in the error shape while Next is not listening, and 400 for a malformed path without asking Next", async () => {
    const nowhere = await startDoor({ nextPort: await freePort() });
    try {
      const res = await fetch(`${nowhere.url}/api/health`);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(await res.json()).toMatchObject({ error: { code: "service_unavailable", requestId: expect.stringMatching(/^req_/) } });
    } finally {
      await nowhere.stop();
    }
    seen.length = 0;
    const bad = await send("/api/v1/models/%E0%A4%A/x");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: "bad_request" } });
    expect(seen).toHaveLength(0);
  });

  it("answers an h2c upgrade offer as plain HTTP/1.1", async () => {
    handler = (req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    };
    const socket = connect(Number(new URL(door.url).port), "127.0.0.1");
    await once(socket, "connect");
    socket.write(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n",
    );
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => (text += c));
    await until("the answer arrives", () => text.endsWith("ok"));
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
