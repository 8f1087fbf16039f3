import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { query } from "./support";

// Issue 13's Low findings, probed against the running portal (the gateway door in front of Next, real
// PostgreSQL): bad input answers a clean 4xx in the error shape, hidden models answer like missing ones,
// the audit's client IP cannot be spoofed, and upstream secrets are stored encrypted.
const PASSWORD = "hardening-spec-password";
const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");
const EXAMPLE = { features: [[4.8, 3.4, 1.6, 0.2]] };
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

async function setup() {
  const s = randomBytes(4).toString("hex");
  const one = async (sql: string, params: unknown[]) => (await query<{ id: string }>(sql, params))[0].id;
  const hash = await hashPassword(PASSWORD);
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-hard-${s}`,
  ]);
  const team = (slug: string) =>
    one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [slug, bu]);
  const owners = await team(`hard-${s}`);
  const consumers = await team(`hard-con-${s}`);
  const user = async (role: string, label: string, teamId: string) => {
    const id = await one(
      `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $1, $2::"Role", $3) RETURNING id`,
      [`${label}-${s}@e2e.local`, role, hash],
    );
    await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [id, teamId]);
    return id;
  };
  await user("publisher", "pub", owners);
  await user("consumer", "con", consumers);
  // "iris" is approved (visible to everyone); "secret-iris" has only a draft (visible to its team only).
  for (const [name, status] of [
    ["iris", "approved"],
    ["secret-iris", "draft"],
  ]) {
    const model = await one(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $2, 'tabular-classification', 'onnx', 1000, now()) RETURNING id`,
      [owners, name, `hard-${s}/${name}`],
    );
    await query(
      `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "costModel", "exampleInput", "updatedAt")
       VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, $2::"VersionStatus", 'onnx', $3, '{"kind":"per_call","microsPerCall":10}', $4, now())`,
      [model, status, IRIS, JSON.stringify(EXAMPLE)],
    );
  }
  return { s, owner: `hard-${s}`, consumers, email: (label: string) => `${label}-${s}@e2e.local` };
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

type ErrorAnswer = { status: number; contentType: string; error: { code: string; message: string } };
async function errorOf(res: APIResponse): Promise<ErrorAnswer> {
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.requestId).toMatch(/^req_/);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  return {
    status: res.status(),
    contentType: res.headers()["content-type"],
    error: { code: body.error.code, message: body.error.message },
  };
}

/** A consumer's app and key (scopes invoke + read), made through the API as the consumer would. */
async function consumerKey(request: APIRequestContext, baseURL: string, teamId: string, s: string) {
  const origin = { origin: baseURL };
  const app = await request.post("/api/v1/apps", { data: { name: `hard app ${s}`, teamId }, headers: origin });
  expect(app.status()).toBe(201);
  const { id } = (await app.json()) as { id: string };
  const key = await request.post(`/api/v1/apps/${id}/keys`, { data: { name: "probe", scopes: ["invoke", "read"] }, headers: origin });
  expect(key.status()).toBe(201);
  return { appId: id, secret: ((await key.json()) as { secret: string }).secret };
}

test("bad input gets a clean 4xx in the error shape, never a 500", async ({ page, playwright, baseURL }) => {
  const fx = await setup();
  await signIn(page, fx.email("con"));
  const { secret } = await consumerKey(page.request, baseURL!, fx.consumers, fx.s);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const m = `/api/v1/models/${fx.owner}/iris`;

  // Malformed percent-escapes and NUL in the path, on Next routes and on the gateway door's invoke paths.
  for (const [method, url] of [
    ["GET", "/api/v1/models/%E0%A4%A/x"],
    ["GET", `/api/v1/models/${fx.owner}/%ED%A0%80/snippets`],
    ["POST", "/api/v1/models/%E0%A4%A/x/invoke"],
    ["POST", `/api/v1/models/%00/iris/invoke`],
    ["POST", `${m}/versions/%00/invoke`],
    ["GET", `/api/v1/models/${fx.owner}/%00`],
    ["GET", "/api/v1/models?q=%00"],
  ] as const) {
    const res = method === "GET" ? await api.get(url) : await api.post(url, { data: EXAMPLE });
    expect([url, await errorOf(res)]).toEqual([
      url,
      { status: 400, contentType: "application/json; charset=utf-8", error: { code: "bad_request", message: expect.any(String) } },
    ]);
  }

  // A 10,000-deep JSON body to a model: refused by both doors before anything recurses.
  const door = await api.post(`${m}/invoke`, { data: deep(10_000), headers: { "content-type": "application/json" } });
  expect(await errorOf(door)).toMatchObject({
    status: 400,
    error: { code: "bad_request", message: expect.stringMatching(/nested more than 64/) },
  });
  const console_ = await page.request.post(`${m}/invoke`, {
    data: deep(10_000),
    headers: { "content-type": "application/json", origin: baseURL! },
  });
  expect(await errorOf(console_)).toMatchObject({ status: 400, error: { code: "bad_request" } });
  expect((await api.post(`${m}/invoke`, { data: EXAMPLE })).status()).toBe(200); // the portal is fine

  // NUL and a lone surrogate in stored text: 400, and nothing written.
  for (const raw of ['{"name": "nul\\u0000app", "teamId": "%T"}', '{"name": "ok", "description": "\\udc00", "teamId": "%T"}']) {
    const res = await page.request.post("/api/v1/apps", {
      data: raw.replace("%T", fx.consumers),
      headers: { "content-type": "application/json", origin: baseURL! },
    });
    expect(await errorOf(res)).toMatchObject({ status: 400, error: { code: "bad_request" } });
  }
  expect(await query(`SELECT 1 FROM apps WHERE "teamId" = $1`, [fx.consumers])).toHaveLength(1);
  await api.dispose();
});

test("a version number above 2^31 is 422 invalid_semver; a secret header is stored encrypted", async ({ page, baseURL }) => {
  const fx = await setup();
  await signIn(page, fx.email("pub"));
  const version = (v: string) => ({
    runtime: "http",
    version: v,
    endpointUrl: "https://models.example.test/predict",
    secretHeaderName: "X-Api-Key",
    secretHeaderValue: `e2e-s3cret-${fx.s}`,
  });
  const url = `/api/v1/models/${fx.owner}/iris/versions`;
  const huge = await page.request.post(url, { data: version("1.2.3000000000"), headers: { origin: baseURL! } });
  expect(await errorOf(huge)).toMatchObject({ status: 422, error: { code: "invalid_semver" } });
  const ok = await page.request.post(url, { data: version("2.0.0"), headers: { origin: baseURL! } });
  expect(ok.status()).toBe(201);
  expect(JSON.stringify(await ok.json())).not.toContain("e2e-s3cret");
  const [row] = await query<{ value: string }>(
    `SELECT v."secretHeaderValue" AS value FROM model_versions v JOIN models m ON m.id = v."modelId" WHERE m.slug = $1 AND v.version = '2.0.0'`,
    [`${fx.owner}/iris`],
  );
  expect(row.value).toMatch(/^enc:v1:/);
  expect(row.value).not.toContain("e2e-s3cret");
});

test("a hidden model answers exactly like a missing one: snippets, invoke and a key's allow-list", async ({
  page,
  playwright,
  baseURL,
}) => {
  const fx = await setup();
  await signIn(page, fx.email("con"));
  const { appId, secret } = await consumerKey(page.request, baseURL!, fx.consumers, fx.s);
  const anonymous = await playwright.request.newContext({ baseURL });
  const keyed = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const hidden = `${fx.owner}/secret-iris`;
  const missing = `${fx.owner}/no-such-iris`;
  const same = async (call: (slug: string) => Promise<APIResponse>) => {
    const [h, n] = [await errorOf(await call(hidden)), await errorOf(await call(missing))];
    expect(h).toEqual({ ...n, error: { ...n.error, message: n.error.message.replace(missing, hidden) } });
    expect(h.status).not.toBe(200);
    return h;
  };
  expect((await same((slug) => anonymous.get(`/api/v1/models/${slug}/snippets`))).status).toBe(404);
  expect((await same((slug) => keyed.get(`/api/v1/models/${slug}/snippets?version=1.0.0`))).status).toBe(404);
  expect((await same((slug) => keyed.post(`/api/v1/models/${slug}/invoke`, { data: EXAMPLE }))).status).toBe(404);
  expect((await same((slug) => keyed.post(`/api/v1/models/${slug}/versions/1.0.0/invoke`, { data: EXAMPLE }))).status).toBe(404);
  const allowList = (slug: string) =>
    page.request.post(`/api/v1/apps/${appId}/keys`, { data: { name: "limited", models: [slug] }, headers: { origin: baseURL! } });
  expect((await same(allowList)).status).toBe(422);
  // Nothing about the hidden model was recorded for these probes.
  expect(await query(`SELECT 1 FROM invocations i JOIN models m ON m.id = i."modelId" WHERE m.slug = $1`, [hidden])).toHaveLength(0);
  await anonymous.dispose();
  await keyed.dispose();
});

test("the audit records the connecting address, not what a client writes in X-Forwarded-For", async ({ page, baseURL }) => {
  const fx = await setup();
  await signIn(page, fx.email("con"));
  const res = await page.request.post("/api/v1/apps", {
    data: { name: `spoof ${fx.s}`, teamId: fx.consumers },
    headers: { origin: baseURL!, "x-forwarded-for": "6.6.6.6", "x-modelport-peer": "7.7.7.7" },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const [row] = await query<{ ip: string | null }>(`SELECT ip FROM audit_events WHERE "targetId" = $1 AND action = 'app.create'`, [id]);
  expect(row.ip).toBe("127.0.0.1");
});

test("Next behind the door believes a client address only from the door: a direct caller cannot choose it", async ({ page, baseURL }) => {
  // Any process on the machine can connect to Next's loopback port; without the door's per-start token the
  // address header it sends is dropped (the audit then records no address rather than a chosen one).
  const fx = await setup();
  await signIn(page, fx.email("con"));
  const direct = await page.request.post(`${process.env.E2E_NEXT_URL}/api/v1/apps`, {
    data: { name: `direct ${fx.s}`, teamId: fx.consumers },
    headers: { host: new URL(baseURL!).host, "x-modelport-peer": "7.7.7.7", "x-modelport-door": "forged-token-of-enough-length" },
  });
  expect(direct.status()).toBe(201);
  const { id } = (await direct.json()) as { id: string };
  const [row] = await query<{ ip: string | null }>(`SELECT ip FROM audit_events WHERE "targetId" = $1 AND action = 'app.create'`, [id]);
  expect(row.ip).toBeNull();
});
