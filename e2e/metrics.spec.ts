import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { query } from "./support";

// /metrics on the built portal, as an operator meets it: an admin mints a metrics:read key on My apps, Prometheus
// scrapes through the gateway door with it, and the figures follow the calls made with another key — counted by
// the door, merged with Next's (its background jobs run in Next). Nobody else may mint such a key or read.

const PASSWORD = "e2e-metrics-password";
const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");
const uid = () => randomBytes(4).toString("hex");

async function one(sql: string, params: unknown[]) {
  return (await query<{ id: string }>(sql, params))[0].id;
}

async function setup() {
  const s = uid();
  const hash = await hashPassword(PASSWORD);
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-met-${s}`,
  ]);
  const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
    `met-${s}`,
    bu,
  ]);
  const person = async (role: string) => {
    const email = `${role}-${s}@metrics-e2e.test`;
    const id = await one(
      `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $1, $2::"Role", $3) RETURNING id`,
      [email, role, hash],
    );
    await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [id, team]);
    return email;
  };
  const model = await one(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'iris', $2, 'Iris', 'tabular-classification', 'onnx', 1000, now()) RETURNING id`,
    [team, `met-${s}-iris`],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "costModel", "updatedAt")
     VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', 'onnx', $2, '{"kind":"per_call","microsPerCall":10}', now())`,
    [model, IRIS],
  );
  return { team: `met-${s} (e2e-met-${s})`, owner: `met-${s}`, admin: await person("admin"), consumer: await person("consumer") };
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Creates an app on My apps and opens its key form; returns the app's card. */
async function newAppWithKeyForm(page: Page, team: string) {
  const name = `metrics-app-${uid()}`;
  await page.goto("/apps");
  const create = page.getByRole("form", { name: "Create an app" });
  await create.getByLabel("App name").fill(name);
  await create.getByLabel("Team").selectOption({ label: team });
  await create.getByRole("button", { name: "Create app" }).click();
  const card = page.getByRole("article", { name: `App ${name}` });
  await card.getByText("Create a key").click();
  return card;
}

async function createKey(page: Page, card: ReturnType<Page["getByRole"]>, scope: string) {
  await card.getByLabel("Key name").fill(`${scope}-${uid()}`);
  for (const box of await card.getByRole("checkbox").all()) {
    if ((await box.getAttribute("value")) === scope) await box.check();
    else await box.uncheck();
  }
  await card.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have stored it" }).click();
  return secret;
}

const sampleOf = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

test("an admin's metrics:read key scrapes /metrics through the door, and the figures follow the calls", async ({ page, request }) => {
  const t = await setup();
  await signIn(page, t.admin);
  const card = await newAppWithKeyForm(page, t.team);
  await expect(card.getByRole("checkbox", { name: /metrics:read/ })).toBeVisible();
  const metricsKey = await createKey(page, card, "metrics:read");
  const invokeKey = await createKey(page, card, "invoke");
  expect(await query(`SELECT scopes FROM api_keys WHERE prefix = $1`, [metricsKey.slice(0, 11)])).toEqual([{ scopes: ["metrics:read"] }]);

  const scrape = async (key?: string) => request.get("/metrics", { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const anonymous = await scrape();
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toMatchObject({ code: "unauthenticated", requestId: expect.any(String) });
  const wrongScope = await scrape(invokeKey);
  expect(wrongScope.status()).toBe(403);
  expect((await wrongScope.json()).error.code).toBe("insufficient_scope");

  const series = `modelport_gateway_requests_total{model="${t.owner}/iris",version="1.0.0",channel="api",status_class="2xx"}`;
  const before = await scrape(metricsKey);
  expect(before.status()).toBe(200);
  expect(before.headers()["content-type"]).toContain("text/plain");
  expect(sampleOf(await before.text(), series)).toBe(0);
  for (let i = 0; i < 3; i += 1) {
    const call = await request.post(`/api/v1/models/${t.owner}/iris/invoke`, {
      headers: { authorization: `Bearer ${invokeKey}` },
      data: { features: [[5.1, 3.5, 1.4, 0.2]] },
    });
    expect(call.status()).toBe(200);
  }
  const after = await (await scrape(metricsKey)).text();
  expect(sampleOf(after, series)).toBe(3);
  // Next's figures are merged in: its background jobs (started by instrumentation) have run.
  expect(sampleOf(after, 'modelport_job_runs_total{job="rollup-fold",outcome="ok"}')).toBeGreaterThan(0);
  expect(after).toMatch(/^modelport_rollup_lag_seconds \d/m);
  expect(after.match(/^# TYPE modelport_gateway_requests_total counter$/gm)).toHaveLength(1);

  // The admin's own session reads it too.
  const bySession = await page.request.get("/metrics");
  expect(bySession.status()).toBe(200);
  expect(sampleOf(await bySession.text(), series)).toBe(3);
});

test("a consumer is not offered the metrics:read scope and cannot read /metrics", async ({ page }) => {
  const t = await setup();
  await signIn(page, t.consumer);
  const card = await newAppWithKeyForm(page, t.team);
  await expect(card.getByRole("checkbox", { name: /invoke/ })).toBeVisible();
  const offered = await Promise.all((await card.getByRole("checkbox").all()).map((box) => box.getAttribute("value")));
  expect(offered).not.toContain("metrics:read");
  const refused = await page.request.get("/metrics");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
});
