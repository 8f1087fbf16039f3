import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { generateApiKey } from "../lib/auth/api-keys";
import { hashPassword } from "../lib/auth/password";
import { DEMO_PASSWORD, query } from "./support";

const IRIS = path.join(process.cwd(), "prisma/seed-data/onnx/iris-classifier.onnx");
const PUBLISHER = "publisher@modelport.local";
const uid = () => randomBytes(4).toString("hex");

// Like support.ts's signIn, but with exact labels: the sign-in form's own aria-label also contains "Email".
async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** A person of this test to name as business owner (review needs one). */
async function businessOwner() {
  const email = `owner-${uid()}@publish.test`;
  await query(`INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, 'Business owner', 'executive')`, [email]);
  return email;
}

/** A reviewer of this test, signed in in a browser page of its own. */
async function signedInReviewer(browser: Browser) {
  const email = `reviewer-${uid()}@publish.test`;
  await query(`INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, 'CI reviewer', 'reviewer', $2)`, [
    email,
    await hashPassword(DEMO_PASSWORD),
  ]);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** A fresh team (own business unit) for this test; the demo publisher joins it, so the data is the test's own. */
async function freshTeamFor(email: string) {
  const id = uid();
  // The demo seed creates the account; create it here only if this database has none.
  await query(
    `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, 'Demo publisher', 'publisher', $2) ON CONFLICT (email) DO NOTHING`,
    [email, await hashPassword(DEMO_PASSWORD)],
  );
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-${id}`, `BU ${id}`, `CC-E2E-${id}`],
  );
  const [team] = await query<{ id: string; slug: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, slug`,
    [`e2e-${id}`, `E2E team ${id}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") SELECT id, $2 FROM users WHERE email = $1`, [email, team.id]);
  return team;
}

test("a publisher creates a model and an ONNX version in the browser, confirms the derived schema and submits it", async ({ page }) => {
  const team = await freshTeamFor(PUBLISHER);
  const name = `iris-e2e-${uid()}`;
  await signIn(page, PUBLISHER);
  await page.goto("/publish");
  await page.getByRole("link", { name: "New model" }).click();
  await page.getByLabel("Owning team").selectOption(team.slug);
  await page.getByLabel("Name", { exact: true }).fill("Bad Name");
  await page.getByLabel("Display name").fill("Iris (e2e)");
  await page.getByLabel("Task").fill("tabular-classification");
  await page.getByLabel("Framework").fill("onnx");
  await page.getByRole("button", { name: "Create model" }).click();
  // Validation errors appear next to the field, in plain words.
  await expect(page.getByText(/lowercase letters, digits and dashes, starting/)).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Tags").fill("iris, e2e");
  await page.getByLabel("Value per successful call (USD)").fill("0.002");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/publish/${team.slug}/${name}$`));

  await page.getByRole("link", { name: "Add version" }).click();
  await expect(page.getByLabel("Version (semver)")).toHaveValue("1.0.0");
  await page.getByLabel("ONNX file").setInputFiles(IRIS);
  const schema = page.getByTestId("derived-schema");
  await expect(schema).toContainText("features");
  await expect(schema).toContainText("float32");
  await expect(schema).toContainText("[N, 4]");
  await expect(schema).toContainText("int64");
  await page.getByLabel("Example input (JSON)").fill('{"features": [[5.1, 3.5, "x", 0.2]]}');
  await page.getByLabel("The schema read from the file is correct").check();
  await page.getByRole("button", { name: "Create draft version" }).click();
  await expect(page.getByText(/does not match the input schema at \/features\/0\/2/)).toBeVisible();
  await page.getByLabel("Example input (JSON)").fill('{"features": [[5.1, 3.5, 1.4, 0.2]]}');
  await page.getByLabel("Price per call (USD)").fill("0.0001");
  await page.getByRole("button", { name: "Create draft version" }).click();
  await expect(page.getByTestId("status-1.0.0")).toHaveText("draft");

  // Drafts can still be edited.
  await page.getByRole("link", { name: "Edit 1.0.0" }).click();
  await page.getByLabel("Changelog").fill("First release, edited before review");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("First release, edited before review")).toBeVisible();

  // Submit waits for the review checklist: this model has no card sections, business owner or risk level yet.
  await expect(page.getByRole("button", { name: "Submit 1.0.0 for review" })).toBeDisabled();
  await expect(page.getByTestId("checklist-1.0.0")).toContainText("Business owner set");
  await page.getByRole("link", { name: "Edit model and card" }).first().click();
  await page
    .getByLabel("Model card (Markdown)")
    .fill(
      "# Iris\n## Intended use\nTeaching.\n## Limitations\nThree species.\n## Training data\nFisher 1936.\n## Evaluation\n93% on a hold-out.\n",
    );
  await page.getByLabel("Business owner email").fill(await businessOwner());
  await page.getByLabel("Risk level").selectOption("low");
  await page.getByLabel("License").fill("MIT");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("card-preview")).toContainText("93% on a hold-out.");
  await page.getByRole("button", { name: "Run the example of 1.0.0" }).click();
  await expect(page.getByLabel("Example result")).toContainText("HTTP 200");
  await page.getByRole("button", { name: "Submit 1.0.0 for review" }).click();
  await expect(page.getByTestId("status-1.0.0")).toHaveText("pending review");

  await expect(page.getByRole("link", { name: "Edit 1.0.0" })).toHaveCount(0);
  const rows = await query<{
    changelog: string;
    status: string;
    runtime: string;
    artifactSha256: string;
    artifactSize: string;
    costModel: unknown;
    valuePerCallMicros: string;
    submittedById: string | null;
  }>(
    `SELECT v.changelog, v.status, v.runtime, v."artifactSha256", v."artifactSize", v."costModel", m."valuePerCallMicros", v."submittedById"
       FROM models m JOIN model_versions v ON v."modelId" = m.id WHERE m.slug = $1`,
    [`${team.slug}/${name}`],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    changelog: "First release, edited before review",
    status: "pending_review",
    runtime: "onnx",
    artifactSize: String(readFileSync(IRIS).byteLength),
    costModel: { kind: "per_call", microsPerCall: 100 },
    valuePerCallMicros: "2000",
  });
  expect(rows[0].artifactSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(rows[0].submittedById).not.toBeNull();
  const audit = await query<{ action: string }>(
    `SELECT action FROM audit_events WHERE "actorLabel" = $1 AND (after->>'slug' = $2 OR after->>'model' = $2) ORDER BY id`,
    [PUBLISHER, `${team.slug}/${name}`],
  );
  expect(audit.map((a) => a.action)).toEqual(["model.create", "version.create", "version.update", "model.update", "version.submit"]);
});

test("a publisher registers an HTTP endpoint version, tests the connection, then deletes the draft", async ({ page, baseURL }) => {
  const team = await freshTeamFor(PUBLISHER);
  const name = `http-e2e-${uid()}`;
  const [model] = await query<{ id: string }>(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, 'HTTP model', 'text-classification', 'pytorch', now()) RETURNING id`,
    [team.id, name, `${team.slug}/${name}`],
  );
  await signIn(page, PUBLISHER);
  await page.goto(`/publish/${team.slug}/${name}/versions/new`);
  await page.getByLabel("Runtime").selectOption("http");
  // The portal's own health route stands in for a model server: it answers, but not to a POST. It is on a
  // loopback address, so the SSRF guard refuses it until an admin allow-lists the host name.
  const endpoint = `${baseURL}/api/health`.replace("127.0.0.1", "localhost");
  await page.getByLabel("Endpoint URL").fill(endpoint);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toContainText("allow-list");
  await query(
    `INSERT INTO egress_rules (id, pattern, note) VALUES (gen_random_uuid(), 'localhost', 'publish e2e') ON CONFLICT (pattern) DO NOTHING`,
  );
  try {
    // Other server processes see a new rule within the allow-list cache's few seconds.
    await expect(async () => {
      await page.getByRole("button", { name: "Test connection" }).click();
      await expect(page.getByTestId("connection-result")).toContainText("answered 405", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  } finally {
    await query(`DELETE FROM egress_rules WHERE pattern = 'localhost' AND note = 'publish e2e'`);
  }
  await page.getByLabel("Version (semver)").fill("v1");
  await page.getByRole("button", { name: "Create draft version" }).click();
  await expect(page.getByText(/"v1" is missing parts/)).toBeVisible();
  await page.getByLabel("Version (semver)").fill("0.1.0");
  await page
    .getByLabel("Input JSON Schema (optional)")
    .fill('{"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}');
  await page.getByLabel("Example input (JSON)").fill('{"text": "great product"}');
  await page.getByRole("button", { name: "Create draft version" }).click();
  await expect(page.getByTestId("status-0.1.0")).toHaveText("draft");
  const [row] = await query<{ runtime: string; httpProtocol: string; endpointUrl: string }>(
    `SELECT runtime, "httpProtocol", "endpointUrl" FROM model_versions WHERE "modelId" = $1`,
    [model.id],
  );
  expect(row).toEqual({ runtime: "http", httpProtocol: "generic", endpointUrl: endpoint });

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete 0.1.0" }).click();
  await expect(page.getByText("No versions yet")).toBeVisible();
  expect(await query(`SELECT 1 FROM model_versions WHERE "modelId" = $1`, [model.id])).toHaveLength(0);
});

test("CI publishes through the API with a publish-scoped key, running the documented curl script, and a reviewer approves it", async ({
  browser,
}) => {
  const team = await freshTeamFor(PUBLISHER);
  // The publisher's CI key: a key acts for (and is recorded as) the person who created it.
  const [publisher] = await query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [PUBLISHER]);
  const [app] = await query<{ id: string }>(
    `INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`ci-${uid()}`, team.id, publisher.id],
  );
  const key = generateApiKey();
  await query(
    `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'ci', $2, $3, $4, $5)`,
    [app.id, key.prefix, key.hash, ["publish"], publisher.id],
  );

  const doc = readFileSync(path.join(process.cwd(), "docs/publishing.md"), "utf8");
  const script = /```bash ci-example\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(script).toBeTruthy();
  const name = `iris-ci-${uid()}`;
  const env = {
    ...process.env,
    MODELPORT_URL: process.env.E2E_BASE_URL!,
    MODELPORT_API_KEY: key.secret,
    TEAM: team.slug,
    MODEL_NAME: name,
    ONNX_FILE: IRIS,
    GIT_COMMIT: "abc123",
    BUSINESS_OWNER_EMAIL: await businessOwner(),
  };
  const run = (version: string) =>
    promisify(execFile)("bash", ["-c", script!], { env: { ...env, VERSION: version }, cwd: mkdtempSync(path.join(os.tmpdir(), "ci-")) });

  const first = await run("1.0.0");
  expect(first.stdout).toContain(`submitted ${team.slug}/${name} 1.0.0 for review`);
  // A second pipeline run: the model exists (409 is fine), a new version goes in.
  await run("1.1.0");
  // A run that repeats a version fails the pipeline with the reason.
  await expect(run("1.0.5")).rejects.toMatchObject({ stdout: expect.stringContaining("invalid_semver") });

  const versions = await query<{ version: string; status: string; changelog: string; exampleInput: unknown }>(
    `SELECT v.version, v.status, v.changelog, v."exampleInput" FROM models m JOIN model_versions v ON v."modelId" = m.id WHERE m.slug = $1 ORDER BY v.major, v.minor, v.patch`,
    [`${team.slug}/${name}`],
  );
  expect(versions).toEqual([
    {
      version: "1.0.0",
      status: "pending_review",
      changelog: "Built by CI from commit abc123",
      exampleInput: { features: [[5.1, 3.5, 1.4, 0.2]] },
    },
    {
      version: "1.1.0",
      status: "pending_review",
      changelog: "Built by CI from commit abc123",
      exampleInput: { features: [[5.1, 3.5, 1.4, 0.2]] },
    },
  ]);
  const [audit] = await query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE "actorLabel" LIKE $1 AND "actorId" = $2`, [
    `api_key:${key.prefix} %`,
    publisher.id,
  ]);
  expect(Number(audit.n)).toBe(5);

  // What the script published is approvable as it is: a reviewer runs the example and approves.
  const [v1] = await query<{ id: string }>(
    `SELECT v.id FROM model_versions v JOIN models m ON m.id = v."modelId" WHERE m.slug = $1 AND v.version = '1.0.0'`,
    [`${team.slug}/${name}`],
  );
  const reviewer = await signedInReviewer(browser);
  await reviewer.goto(`/review/${v1.id}`);
  await expect(reviewer.getByText(`API key ${key.prefix} of app`)).toBeVisible();
  await reviewer.getByRole("button", { name: "Run example" }).click();
  await expect(reviewer.getByLabel("Example result")).toContainText("HTTP 200");
  await expect(reviewer.getByTestId("checklist").locator("li[data-ok=false]")).toHaveCount(0);
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText("This version is approved; there is nothing to decide.")).toBeVisible();
  const [approved] = await query<{ status: string }>(`SELECT status FROM model_versions WHERE id = $1`, [v1.id]);
  expect(approved.status).toBe("approved");
});
