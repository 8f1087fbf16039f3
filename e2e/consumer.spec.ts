import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test, type Page, type Route } from "@playwright/test";
import { copyWith, query, trackCopies } from "./support";

// The consumer's path: apps and keys (secret once, hash only in the database, revoke), then the
// "Try it" console and the snippets on the quick-start page (/apps/try/{owner}/{name}); the model page
// renders the same <ModelPageExtras>. The invoke route belongs to the gateway: until it is merged the
// console's call is answered by a stub that follows the contract (method, path, body, Server-Timing);
// the lead re-points that part at the real gateway afterwards.

const EMAIL = "consumer@modelport.local";
const uid = () => randomBytes(4).toString("hex");

/** Like support.ts's signIn, matching the fields by their exact labels (as main's version now does). */
async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("modelport");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** A fresh team (and business unit) for the demo consumer, so the spec works on any seed state. */
async function consumerTeam() {
  const id = uid();
  const hash = await bcrypt.hash("modelport", 10);
  await query(
    `INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'Demo consumer', $2, 'consumer') ON CONFLICT (email) DO NOTHING`,
    [EMAIL, hash],
  );
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-${id}`, `E2E BU ${id}`, `CC-${id}`],
  );
  const [team] = await query<{ id: string; slug: string; name: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, slug, name`,
    [`e2e-${id}`, `E2E team ${id}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") SELECT id, $2 FROM users WHERE email = $1`, [EMAIL, team.id]);
  return team;
}

const FEATURES_SCHEMA = {
  type: "object",
  required: ["features"],
  properties: { features: { type: "array", items: { type: "array", items: { type: "number" }, minItems: 4, maxItems: 4 } } },
};

async function model(teamId: string, teamSlug: string, visibility: "public" | "gated") {
  const name = `iris-${uid()}`;
  const [m] = await query<{ id: string; slug: string }>(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, visibility, "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, $2, 'classification', 'onnx', $4, now()) RETURNING id, slug`,
    [teamId, name, `${teamSlug}/${name}`, visibility],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "endpointUrl", "inputSchema", "exampleInput", "costModel", "updatedAt")
     VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', 'http', 'http://upstream.invalid/predict', $2, $3, '{"kind":"per_call","microsPerCall":100}', now())`,
    [m.id, JSON.stringify(FEATURES_SCHEMA), JSON.stringify({ features: [[5.1, 3.5, 1.4, 0.2]] })],
  );
  return m;
}

/** Answers the console's invoke call the way the gateway's contract says, and keeps the bodies it got. */
async function stubInvoke(page: Page, slug: string) {
  const bodies: unknown[] = [];
  await page.route(`**/api/v1/models/${slug}/versions/1.0.0/invoke`, async (route: Route) => {
    const req = route.request();
    if (req.method() !== "POST" || req.headers()["authorization"]) return route.fulfill({ status: 400, body: "unexpected request" });
    const body = req.postDataJSON() as { features: number[][] };
    bodies.push(body);
    if (body.features[0][0] < 0) {
      return route.fulfill({
        status: 422,
        contentType: "application/json",
        headers: { "x-request-id": "req_e2e_2" },
        body: JSON.stringify({
          error: { code: "schema_validation_failed", message: "/features/0/0 must be >= 0", requestId: "req_e2e_2" },
        }),
      });
    }
    await route.fulfill({
      status: 200,
      contentType: "application/json",
      headers: { "server-timing": "gateway;dur=1.5, upstream;dur=12", "x-request-id": "req_e2e_1" },
      body: JSON.stringify({ output: { label: "setosa", features: body.features }, model: slug, version: "1.0.0", requestId: "req_e2e_1" }),
    });
  });
  return bodies;
}

test("a consumer creates an app and a key, sees the secret once, and revokes it; the database holds only its hash", async ({
  page,
  request,
}) => {
  const team = await consumerTeam();
  const appName = `Checkout ${uid()}`;
  await signIn(page, EMAIL);
  await page.goto("/apps");
  const create = page.getByRole("form", { name: "Create an app" });
  await create.getByLabel("App name").fill(appName);
  await create.getByLabel("Team").selectOption({ label: `${team.name} (E2E BU ${team.slug.slice(4)})` });
  await create.getByRole("button", { name: "Create app" }).click();
  const app = page.getByRole("article", { name: `App ${appName}` });
  await expect(app).toBeVisible();
  const [appRow] = await query<{ id: string; teamId: string }>(`SELECT id, "teamId" FROM apps WHERE name = $1`, [appName]);
  expect(appRow.teamId).toBe(team.id);

  await app.getByText("Create a key").click();
  await app.getByLabel("Key name").fill("production");
  await app.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("you won't see it again");
  const secret = (await dialog.getByTestId("new-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^mp_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}$/);
  const prefix = secret.slice(0, 11);

  const keys = await query<{ prefix: string; hash: string; scopes: string[]; row: string }>(
    `SELECT prefix, hash, scopes, row_to_json(k)::text AS row FROM api_keys k WHERE "appId" = $1`,
    [appRow.id],
  );
  expect(keys).toHaveLength(1);
  expect(keys[0].prefix).toBe(prefix);
  expect(keys[0].hash).toBe(createHash("sha256").update(secret).digest("hex"));
  expect(keys[0].row).not.toContain(secret.slice(12));
  const audit = await query<{ action: string; row: string }>(
    `SELECT action, row_to_json(a)::text AS row FROM audit_events a WHERE "targetId" IN ($1, (SELECT id::text FROM api_keys WHERE prefix = $2))`,
    [appRow.id, prefix],
  );
  expect(audit.map((a) => a.action).sort()).toEqual(["api_key.create", "app.create"]);
  expect(audit.every((a) => !a.row.includes(secret.slice(12)))).toBe(true);

  await dialog.getByRole("button", { name: "I have stored it" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId(`key-${prefix}`)).toContainText("active");
  expect(await page.content()).not.toContain(secret.slice(12));

  // The key is valid (a key may not manage keys: 403), then refused at once after the revoke (401).
  const asKey = () => request.get("/api/v1/apps", { headers: { authorization: `Bearer ${secret}` } });
  expect((await asKey()).status()).toBe(403);
  page.once("dialog", (d) => d.accept());
  await app.getByRole("button", { name: "Revoke key production" }).click();
  await expect(page.getByTestId(`key-${prefix}`)).toContainText("revoked");
  const [revoked] = await query<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM api_keys WHERE prefix = $1`, [prefix]);
  expect(revoked.revokedAt).not.toBeNull();
  const refused = await asKey();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "invalid_api_key" } });
});

test("the console loads Monaco locally only when opened, runs the example and shows the timing split; snippets copy with a key", async ({
  page,
  context,
  baseURL,
}) => {
  const team = await consumerTeam();
  const m = await model(team.id, team.slug, "public");
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) foreign.push(r.url());
  });
  const scripts: { url: string; text: Promise<string> }[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") scripts.push({ url: r.url(), text: r.text().catch(() => "") });
  });
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  // Monaco says so on the console when it cannot start a worker and falls back to the main thread.
  const workerProblems: string[] = [];
  page.on("console", (msg) => {
    if (/web worker|MonacoEnvironment/i.test(msg.text())) workerProblems.push(msg.text());
  });
  await trackCopies(context);
  await signIn(page, EMAIL);
  const bodies = await stubInvoke(page, m.slug);

  await page.goto(`/apps/try/${m.slug}`);
  await expect(page.getByRole("heading", { name: `Try it — ${m.slug}@1.0.0` })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const firstLoad = await Promise.all(scripts.map((s) => s.text));
  expect(firstLoad.some((t) => t.includes("MonacoEnvironment"))).toBe(false);
  await expect(page.locator(".monaco-editor")).toHaveCount(0);

  await page.getByRole("button", { name: "Open console" }).click();
  // The generated form comes first; the JSON editor (Monaco) loads when its tab is chosen.
  await expect(page.getByRole("tab", { name: "Form" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Feature 1", { exact: true })).toHaveValue("5.1");
  await expect(page.locator(".monaco-editor")).toHaveCount(0);
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible();
  await expect(page.locator(".monaco-editor .view-lines")).toContainText("features");
  await expect.poll(async () => (await Promise.all(scripts.map((s) => s.text))).some((t) => t.includes("MonacoEnvironment"))).toBe(true);
  await expect.poll(() => workers.length).toBeGreaterThan(0);
  expect(workers.every((w) => w.startsWith(baseURL!) || w.startsWith("blob:"))).toBe(true);
  expect(workerProblems).toEqual([]);

  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("console-status")).toHaveText("200");
  await expect(page.getByTestId("console-output")).toContainText("setosa");
  await expect(page.getByTestId("console-gateway-ms")).toHaveText("1.5 ms");
  await expect(page.getByTestId("console-upstream-ms")).toHaveText("12 ms");
  expect(bodies[0]).toEqual({ features: [[5.1, 3.5, 1.4, 0.2]] });

  // One labelled input per feature (the schema declares no names: "Feature 1" … "Feature 4").
  await page.getByRole("tab", { name: "Form" }).click();
  await page.getByLabel("Feature 1", { exact: true }).fill("-1");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("console-status")).toHaveText("422");
  await expect(page.getByTestId("console-error")).toContainText("/features/0/0 must be >= 0");
  await expect(page.getByTestId("console-error")).toContainText("does not match the model's input schema");
  expect(bodies[1]).toEqual({ features: [[-1, 3.5, 1.4, 0.2]] });

  await page.getByRole("tab", { name: "Python (requests)" }).click();
  const code = page.getByTestId("snippet-code");
  await expect(code).toContainText(`${baseURL}/api/v1/models/${m.slug}/versions/1.0.0/invoke`);
  await expect(code).toContainText('os.environ["MODELPORT_API_KEY"]');
  await page.getByRole("radio", { name: /Compatible updates/ }).check();
  await expect(code).toContainText(`/api/v1/models/${m.slug}/invoke?version=%5E1`);
  expect(await copyWith(page, page.getByRole("button", { name: "Copy Python (requests)" }))).toBe(await code.textContent());

  // A pasted key is masked in the snippet until revealed, and copied in full.
  const key = `mp_${"ab12cd34"}_${randomBytes(32).toString("base64url")}`;
  // (The model page's folded MCP panel has a key field of its own.)
  await page.getByRole("region", { name: "Call it from your code" }).getByLabel("Or paste a key (stays in this page)").fill(key);
  await page.getByRole("button", { name: "Use pasted key" }).click();
  await expect(code).not.toContainText(key);
  await expect(code).toContainText("mp_ab12cd34_••••");
  await page.getByRole("button", { name: "Reveal key" }).click();
  await expect(code).toContainText(`"Authorization": "Bearer ${key}"`);
  expect(await copyWith(page, page.getByRole("button", { name: "Copy Python (requests)" }))).toContain(key);
  expect(foreign).toEqual([]);
});

test("the console explains why it cannot run a gated model without access", async ({ page }) => {
  const owner = await consumerTeam();
  // A model of a team the consumer is not in; the fresh team above is theirs.
  const [otherTeam] = await query<{ id: string; slug: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") SELECT gen_random_uuid(), $1, $1, "businessUnitId" FROM teams WHERE id = $2 RETURNING id, slug`,
    [`other-${uid()}`, owner.id],
  );
  const m = await model(otherTeam.id, otherTeam.slug, "gated");
  await signIn(page, EMAIL);
  await page.goto(`/apps/try/${m.slug}`);
  await expect(page.getByRole("note")).toContainText("gated");
  await page.getByRole("button", { name: "Open console" }).click();
  await expect(page.getByRole("button", { name: "Run" })).toBeDisabled();
});

test("the API reference renders the OpenAPI document locally, grouped by tag, with auth and schemas", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: /Modelport API/ })).toBeVisible();
  const keys = page.getByRole("article", { name: "POST /api/v1/apps/{app}/keys" });
  await expect(keys).toContainText("browser session");
  await expect(keys).toContainText("scopes");
  await expect(keys).toContainText("secret");
  await expect(page.getByRole("article", { name: "GET /api/v1/models/{owner}/{name}/snippets" })).toContainText("API key with scope read");
  await expect(page.getByRole("region", { name: "Authentication" })).toContainText("Authorization: Bearer");
  expect(foreign).toEqual([]);
});
