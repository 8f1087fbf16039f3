import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { query } from "./support";

// Session-authenticated invocations (the console channel) and the admin's egress allow-list page: both need
// a real browser session, so they are covered here. Each test creates its own team, users and model.
const PASSWORD = "invoke-spec-password";
const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");

async function setup() {
  const s = randomBytes(4).toString("hex");
  const one = async (sql: string, params: unknown[]) => (await query<{ id: string }>(sql, params))[0].id;
  const hash = await hashPassword(PASSWORD);
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-inv-${s}`,
  ]);
  const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
    `inv-${s}`,
    bu,
  ]);
  const user = (role: string, label: string) =>
    one(`INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $1, $2::"Role", $3) RETURNING id`, [
      `${label}-${s}@e2e.local`,
      role,
      hash,
    ]);
  const publisher = await user("publisher", "pub");
  await user("consumer", "con");
  await user("admin", "adm");
  await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [publisher, team]);
  const model = await one(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'iris', $2, 'Iris', 'tabular-classification', 'onnx', 1000, now()) RETURNING id`,
    [team, `inv-${s}-iris`],
  );
  for (const [version, status] of [
    ["0.9.0", "draft"],
    ["1.0.0", "approved"],
  ]) {
    const [major, minor] = version.split(".").map(Number);
    await query(
      `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "costModel", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 0, $5::"VersionStatus", 'onnx', $6, '{"kind":"per_call","microsPerCall":10}', now())`,
      [model, version, major, minor, status, IRIS],
    );
  }
  return { s, owner: `inv-${s}`, model, publisher, email: (label: string) => `${label}-${s}@e2e.local` };
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

const body = { features: [[4.8, 3.4, 1.6, 0.2]] };

test("the publisher's team tests a draft from the browser session; the call is recorded on the console channel", async ({ page }) => {
  const fx = await setup();
  await signIn(page, fx.email("pub"));
  const res = await page.request.post(`/api/v1/models/${fx.owner}/iris/versions/0.9.0/invoke`, { data: body });
  expect(res.status()).toBe(200);
  const answer = (await res.json()) as { output: { label: number[] }; version: string; requestId: string };
  expect(answer.output.label).toEqual([0]);
  expect(res.headers()["server-timing"]).toMatch(/gateway;dur=.*, upstream;dur=/);
  const [row] = await query<{ channel: string; userId: string; appId: string | null; statusCode: number }>(
    `SELECT channel, "userId", "appId", "statusCode" FROM invocations WHERE "requestId" = $1`,
    [answer.requestId],
  );
  expect(row).toEqual({ channel: "console", userId: fx.publisher, appId: null, statusCode: 200 });
  // The roll-up is folded in asynchronously (lib/usage/recorder/rollup-worker.ts), within about a second.
  await expect
    .poll(
      async () => {
        const rows = await query<{ calls: string }>(
          `SELECT calls FROM usage_hourly WHERE "modelId" = $1 AND "appId" IS NULL AND channel = 'console'`,
          [fx.model],
        );
        return rows.map((r) => Number(r.calls));
      },
      { timeout: 10_000 },
    )
    .toEqual([1]);
});

test("a consumer outside the team cannot invoke the draft but can invoke the approved version", async ({ page }) => {
  const fx = await setup();
  await signIn(page, fx.email("con"));
  const draft = await page.request.post(`/api/v1/models/${fx.owner}/iris/versions/0.9.0/invoke`, { data: body });
  // Another team's draft does not exist for this consumer (lib/catalog/model-visibility.ts): 404, nothing recorded.
  expect(draft.status()).toBe(404);
  expect(((await draft.json()) as { error: { code: string } }).error.code).toBe("not_found");
  const latest = await page.request.post(`/api/v1/models/${fx.owner}/iris/invoke`, { data: body });
  expect(latest.status()).toBe(200);
  expect(((await latest.json()) as { version: string }).version).toBe("1.0.0");
  const rows = await query<{ statusCode: number }>(`SELECT "statusCode" FROM invocations WHERE "modelId" = $1 ORDER BY at`, [fx.model]);
  expect(rows.map((r) => r.statusCode)).toEqual([200]);
});

test("an admin allow-lists a destination on the egress page, audited", async ({ page }) => {
  const fx = await setup();
  await signIn(page, fx.email("adm"));
  await page.goto("/admin");
  await page.getByRole("link", { name: "Egress allow-list" }).click();
  const pattern = `models-${fx.s}.internal`;
  await page.getByLabel("Host name, IP address or CIDR range").fill(pattern);
  await page.getByLabel("Why (shown in the audit trail)").fill("e2e cluster");
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("cell", { name: pattern, exact: true })).toBeVisible();
  const [rule] = await query<{ id: string }>(`SELECT id FROM egress_rules WHERE pattern = $1`, [pattern]);
  await page.getByLabel("Host name, IP address or CIDR range").fill("not a host!");
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a host name");
  await page.getByRole("button", { name: `Remove ${pattern}` }).click();
  await expect(page.getByRole("cell", { name: pattern, exact: true })).toHaveCount(0);
  const audit = await query<{ action: string }>(`SELECT action FROM audit_events WHERE "targetId" = $1 ORDER BY id`, [rule.id]);
  expect(audit.map((a) => a.action)).toEqual(["egress_rule.create", "egress_rule.delete"]);
});
