import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { generateApiKey } from "../lib/auth/api-keys";
import { query } from "./support";

// HTTP-level contract of the running portal (the gateway door, gateway/server.ts, in front of Next):
// requests that offer `Upgrade: h2c` (Java's HttpClient, curl --http2) get ordinary HTTP/1.1 answers on every
// kind of route, and CORS on the invoke routes answers an app's allowed origins only, on both paths.

const run = promisify(execFile);
const MODEL = "ml-platform/iris-classifier";
const INVOKE = `/api/v1/models/${MODEL}/versions/1.0.0/invoke`;
const example = (JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown }).exampleInput;

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string; httpVersion: string };

/** One request over a fresh HTTP/1.1 connection, headers exactly as given. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const url = new URL(path, process.env.E2E_BASE_URL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, httpVersion: res.httpVersion }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const H2C = { connection: "Upgrade, HTTP2-Settings", upgrade: "h2c", "http2-settings": "AAMAAABkAAQCAAAAAAIAAAAA" };

/** An app of a fresh team with one invoke key and the given allowed origins (straight into the database). */
async function appWithKey(allowedOrigins: string[]) {
  const id = randomBytes(4).toString("hex");
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`,
    [`http-${id}`],
  );
  const [team] = await query<{ id: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
    [`http-${id}`, bu.id],
  );
  // A key acts for the person who created it: a consumer of the team.
  const [creator] = await query<{ id: string }>(
    `INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, 'HTTP', 'consumer') RETURNING id`,
    [`http-${id}@example.com`],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [creator.id, team.id]);
  const [app] = await query<{ id: string }>(
    `INSERT INTO apps (id, name, "teamId", "allowedOrigins", "createdById") VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
    [`http-${id}`, team.id, allowedOrigins, creator.id],
  );
  const key = generateApiKey();
  await query(
    `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'http', $2, $3, '{invoke}', $4)`,
    [app.id, key.prefix, key.hash, creator.id],
  );
  return key.secret;
}

test.describe("requests offering Upgrade: h2c", () => {
  test("get ordinary HTTP/1.1 answers from pages, API routes and the gateway", async () => {
    const secret = await appWithKey([]);
    // Warm Next up first: it used to hang its upgrade handler on the server at the first request it saw.
    expect((await raw("GET", "/api/health", {})).status).toBe(200);

    const health = await raw("GET", "/api/health", H2C);
    expect([health.status, health.httpVersion]).toEqual([200, "1.1"]);
    expect(JSON.parse(health.body)).toMatchObject({ status: expect.any(String) });
    const page = await raw("GET", `/models/${MODEL}`, H2C);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<html");
    const anonymous = await raw("POST", INVOKE, { ...H2C, "content-type": "application/json" }, JSON.stringify(example));
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ error: { code: "unauthenticated" } });
    const call = await raw(
      "POST",
      INVOKE,
      { ...H2C, authorization: `Bearer ${secret}`, "content-type": "application/json" },
      JSON.stringify(example),
    );
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ model: MODEL, version: "1.0.0", output: { label: [expect.any(Number)] } });
  });

  test("curl --http2 (cleartext upgrade offer) gets the prediction", async () => {
    const secret = await appWithKey([]);
    const { stdout } = await run("curl", [
      "--silent",
      "--show-error",
      "--http2",
      "--fail-with-body",
      "-X",
      "POST",
      "-H",
      `Authorization: Bearer ${secret}`,
      "-H",
      "Content-Type: application/json",
      "--data",
      JSON.stringify(example),
      `${process.env.E2E_BASE_URL}${INVOKE}`,
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ model: MODEL, version: "1.0.0" });
  });
});

test.describe("CORS on the invoke routes of the running portal", () => {
  const preflight = (origin: string, path = INVOKE) =>
    raw("OPTIONS", path, {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    });
  const cors = (r: Raw) => Object.fromEntries(Object.entries(r.headers).filter(([k]) => k.startsWith("access-control-")));

  test("an app's allowed origin gets the preflight and the answer's headers; other origins get none", async () => {
    const origin = `https://shop-${randomBytes(3).toString("hex")}.example.com`;
    const secret = await appWithKey([origin]);
    for (const path of [INVOKE, `/api/v1/models/${MODEL}/invoke?version=%5E1`]) {
      const ok = await preflight(origin, path);
      expect(ok.status).toBe(204);
      expect(cors(ok)).toMatchObject({
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "POST, OPTIONS",
        "access-control-allow-headers": expect.stringContaining("Authorization"),
      });
      const denied = await preflight("https://elsewhere.example.org", path);
      expect(denied.status).toBe(403);
      expect(cors(denied)).toEqual({});
      expect(JSON.parse(denied.body)).toMatchObject({ error: { code: "forbidden", requestId: expect.any(String) } });
    }
    // The call itself: answered by the gateway door (a key) — readable by the allowed origin only.
    const headers = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
    const allowed = await raw("POST", INVOKE, { ...headers, origin }, JSON.stringify(example));
    expect(allowed.status).toBe(200);
    expect(cors(allowed)).toMatchObject({
      "access-control-allow-origin": origin,
      "access-control-expose-headers": expect.stringContaining("X-Request-Id"),
    });
    expect(String(allowed.headers.vary)).toContain("Origin");
    const other = await raw("POST", INVOKE, { ...headers, origin: "https://elsewhere.example.org" }, JSON.stringify(example));
    expect(other.status).toBe(200);
    expect(cors(other)).toEqual({});
    // Without a key the Next route answers (401), with the same CORS rule.
    const anonymous = await raw("POST", INVOKE, { "content-type": "application/json", origin }, "{}");
    expect([anonymous.status, anonymous.headers["access-control-allow-origin"]]).toEqual([401, origin]);
    const anonymousOther = await raw("POST", INVOKE, { "content-type": "application/json", origin: "https://elsewhere.example.org" }, "{}");
    expect([anonymousOther.status, cors(anonymousOther)]).toEqual([401, {}]);
  });
});
