// Body limits on the real, built portal (scripts/start.ts): a chunked upload without Content-Length, far over
// the limit, is answered 413 while the client is still sending, and neither server process's memory (the
// gateway door's, which forwards it, nor Next's) grows with it.
// Needs the production build (`npx next build`); without one, scripts/start.ts builds it first.
// Checked against the portal before this behaviour: both JSON routes answered only after all 256 MB had been
// sent (read into memory); the multipart upload already stopped at its limit.
import { readFileSync } from "node:fs";
import http from "node:http";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/auth/api-keys";
import { startPortal, type Portal } from "@/scripts/bench/support/portal";

const MB = 1024 * 1024;
const UPLOAD = 256 * MB;
let portal: Portal;
let secret: string;
let team: string;

/** Peak resident memory of a process so far (VmHWM), in bytes (Linux). */
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) * 1024;

/** Streams `UPLOAD` bytes of `fill` chunked (no Content-Length) and notes how much was sent when the answer came. */
function chunkedUpload(path: string, contentType: string, fill: number) {
  return new Promise<{ status: number; body: unknown; sentWhenAnswered: number }>((resolve, reject) => {
    const url = new URL(path, portal.url);
    const req = http.request(url, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": contentType } });
    const chunk = Buffer.alloc(MB, fill);
    let sent = 0;
    let answered = false;
    const write = () => {
      while (!answered && sent < UPLOAD) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    req.on("response", (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown, sentWhenAnswered });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    write();
  });
}

beforeAll(async () => {
  portal = await startPortal({ env: { MODELPORT_MAX_ARTIFACT_BYTES: String(2 * MB) } });
  const client = new pg.Client({ connectionString: portal.databaseUrl });
  await client.connect();
  try {
    const s = randomBytes(4).toString("hex");
    const id = async (sql: string, params: unknown[]) => (await client.query<{ id: string }>(sql, params)).rows[0].id;
    const bu = await id(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
      `limits-${s}`,
    ]);
    team = `limits-${s}`;
    const teamId = await id(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
      team,
      bu,
    ]);
    const user = await id(`INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, 'Limits', 'publisher') RETURNING id`, [
      `limits-${s}@example.com`,
    ]);
    await client.query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [user, teamId]);
    const app = await id(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
      `limits-${s}`,
      teamId,
      user,
    ]);
    const key = generateApiKey();
    await client.query(
      `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'limits', $2, $3, '{publish}', $4)`,
      [app, key.prefix, key.hash, user],
    );
    secret = key.secret;
  } finally {
    await client.end();
  }
}, 600_000);

afterAll(async () => {
  await portal?.stop();
});

describe("a chunked body far over the limit", () => {
  it.each([
    ["a JSON route (create model, 1 MB)", "/api/v1/models", "application/json", 0x20],
    ["the JSON version route (1 MB)", () => `/api/v1/models/${team}/anything/versions`, "application/json", 0x20],
    [
      "the multipart ONNX upload (2 MB + 1 MB of fields)",
      () => `/api/v1/models/${team}/anything/versions`,
      "multipart/form-data; boundary=limits",
      0x61,
    ],
  ])(
    "is refused 413 on %s while it streams, without buffering it",
    async (_, route, contentType, fill) => {
      // Neither server process may hold the body: the gateway door streams it to Next, which refuses it.
      const pids = [...portal.doorPids(), ...portal.nextPids()];
      expect(pids).toHaveLength(2);
      const before = pids.map(peakRss);
      const res = await chunkedUpload(typeof route === "function" ? route() : route, contentType, fill);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ error: { code: "payload_too_large", requestId: expect.any(String) } });
      expect(res.sentWhenAnswered).toBeLessThan(64 * MB); // answered long before the 256 MB were sent
      for (const [i, pid] of pids.entries()) expect(peakRss(pid) - before[i]).toBeLessThan(128 * MB);
      const health = await fetch(`${portal.url}/api/health`);
      expect(health.status).toBe(200);
    },
    120_000,
  );
});
