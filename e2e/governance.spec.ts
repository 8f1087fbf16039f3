import { randomBytes } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import bcrypt from "bcryptjs";
import { DEMO_PASSWORD, query } from "./support";

// The governance loop end to end, on data this spec creates itself: a publisher's version is rejected
// with a comment, the publisher reads it, the next version is blocked until its example has run, then
// approved; a consumer requests access to a gated model for their app and the owning team grants it.

const s = randomBytes(4).toString("hex");
const email = (who: string) => `${who}-${s}@gov-e2e.test`;
let ids: { team: string; consumerTeam: string; publisher: string; reviewer: string; model: string; gated: string; app: string };

const CARD = "## Intended use\nDemo.\n## Limitations\nDemo only.\n## Training data\nSynthetic.\n## Evaluation\nAccuracy 0.9.";

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T> {
  return (await query<T>(sql, params))[0];
}

async function addVersion(version: string, status: "pending_review" | "draft") {
  const [major, minor, patch] = version.split(".").map(Number);
  const row = await one<{ id: string }>(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "endpointUrl", "inputSchema", "exampleInput", "costModel", changelog, "createdById", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'draft', 'http', 'http://example.invalid/', '{"type":"object","properties":{"x":{"type":"number"}},"required":["x"]}', '{"x":1}', '{"kind":"per_call","microsPerCall":10}', $6, $7, now())
     RETURNING id`,
    [ids.model, version, major, minor, patch, `Changes in ${version}`, ids.publisher],
  );
  // Submitting is the publishing flow's job; here the draft is submitted the way its route does it.
  if (status === "pending_review")
    await query(`UPDATE model_versions SET status = 'pending_review', "submittedById" = $2, "submittedAt" = now() WHERE id = $1`, [
      row.id,
      ids.publisher,
    ]);
  return row.id;
}

// Signs in through the sign-in page (exact labels: the form's own label "Sign in with email" also matches "Email").
async function as(browser: Browser, who: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email(who));
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

test.beforeAll(async () => {
  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const bu = await one<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-${s}`, `BU ${s}`, `CC-${s}`],
  );
  const team = await one<{ id: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`gov-${s}`, `Gov team ${s}`, bu.id],
  );
  const consumerTeam = await one<{ id: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`app-${s}`, `App team ${s}`, bu.id],
  );
  const user = (who: string, role: string) =>
    one<{ id: string }>(
      `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [email(who), `${who} ${s}`, role, hash],
    );
  const publisher = await user("publisher", "publisher");
  const reviewer = await user("reviewer", "reviewer");
  const consumer = await user("consumer", "consumer");
  await user("admin", "admin");
  await user("newcomer", "consumer");
  await query(`INSERT INTO team_members ("userId", "teamId", role) VALUES ($1, $2, 'maintainer'), ($3, $4, 'member')`, [
    publisher.id,
    team.id,
    consumer.id,
    consumerTeam.id,
  ]);
  const model = (name: string, visibility: string) =>
    one<{ id: string }>(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", card, task, framework, license, visibility, "businessOwnerId", "riskLevel", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'classification', 'sklearn', 'MIT', $6, $7, 'low', now() - interval '1 day') RETURNING id`,
      [team.id, name, `gov-${s}/${name}`, `Gov ${name} ${s}`, CARD, visibility, publisher.id],
    );
  const m = await model("scorer", "public");
  const gated = await model("secret-scorer", "gated");
  const app = await one<{ id: string }>(`INSERT INTO apps (id, name, "teamId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [
    `checkout-${s}`,
    consumerTeam.id,
  ]);
  ids = {
    team: team.id,
    consumerTeam: consumerTeam.id,
    publisher: publisher.id,
    reviewer: reviewer.id,
    model: m.id,
    gated: gated.id,
    app: app.id,
  };
});

test("reject with a comment, publisher reads it, next version approved once its example ran", async ({ browser }) => {
  const first = await addVersion("1.0.0", "pending_review");
  const reviewer = await as(browser, "reviewer");
  await reviewer.goto("/review");
  await reviewer.getByRole("link", { name: new RegExp(`Gov scorer ${s}`) }).click();
  await expect(reviewer.getByRole("heading", { name: `Gov scorer ${s} 1.0.0` })).toBeVisible();
  await expect(reviewer.getByTestId("checklist")).toContainText("Example runs");
  await reviewer.getByLabel("Comment (required to reject)").fill("Please report recall per class.");
  await reviewer.getByRole("button", { name: "Reject" }).click();
  await expect(reviewer.getByText("This version is rejected")).toBeVisible();
  expect(await query(`SELECT status FROM model_versions WHERE id = $1`, [first])).toEqual([{ status: "rejected" }]);
  expect(await query(`SELECT decision, comment, "reviewerId" FROM reviews WHERE "versionId" = $1`, [first])).toEqual([
    { decision: "reject", comment: "Please report recall per class.", reviewerId: ids.reviewer },
  ]);
  expect(await query(`SELECT action FROM audit_events WHERE "targetId" = $1`, [first])).toEqual([{ action: "version.reject" }]);

  const publisher = await as(browser, "publisher");
  await publisher.goto("/review/mine");
  const submission = publisher.getByTestId("submission").filter({ hasText: `Gov scorer ${s} 1.0.0` });
  await expect(submission).toContainText("Rejected");
  await expect(submission).toContainText("Please report recall per class.");

  const second = await addVersion("1.1.0", "pending_review");
  await reviewer.goto("/review");
  await reviewer.getByRole("link", { name: new RegExp(`Gov scorer ${s}`) }).click();
  await expect(reviewer.getByRole("heading", { name: `Gov scorer ${s} 1.1.0` })).toBeVisible();
  await expect(reviewer.getByRole("heading", { name: /What changed since 1\.0\.0/ })).toBeVisible();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByRole("alert").filter({ hasText: "Approval is blocked" })).toContainText("Example runs");
  expect(await query(`SELECT status FROM model_versions WHERE id = $1`, [second])).toEqual([{ status: "pending_review" }]);

  // The example runs (a console call through the gateway, recorded as an invocation); now approval goes through.
  await query(
    `INSERT INTO invocations ("requestId", "modelId", "versionId", "userId", channel, "statusCode", "gatewayMs", "upstreamMs") VALUES ($1, $2, $3, $4, 'console', 200, 3, 20)`,
    [`req_e2e_${s}`, ids.model, second, ids.reviewer],
  );
  await reviewer.reload();
  await reviewer.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText("This version is approved")).toBeVisible();
  expect(await query(`SELECT status, "approvedById" FROM model_versions WHERE id = $1`, [second])).toEqual([
    { status: "approved", approvedById: ids.reviewer },
  ]);
});

test("nobody reviews their own version, also not through the API", async ({ browser }) => {
  const own = await addVersion("3.0.0", "draft");
  await query(`UPDATE model_versions SET status = 'pending_review', "submittedById" = $2, "submittedAt" = now() WHERE id = $1`, [
    own,
    ids.reviewer,
  ]);
  const reviewer = await as(browser, "reviewer");
  await reviewer.goto(`/review/${own}`);
  await expect(reviewer.getByRole("note")).toContainText("Separation of duties");
  await expect(reviewer.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const res = await reviewer.request.post(`/api/v1/models/gov-${s}/scorer/versions/3.0.0/review`, {
    data: { decision: "approve", comment: "" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("self_approval");
  expect(await query(`SELECT status FROM model_versions WHERE id = $1`, [own])).toEqual([{ status: "pending_review" }]);
});

test("a consumer requests access to a gated model and the owning team grants it", async ({ browser }) => {
  const consumer = await as(browser, "consumer");
  const res = await consumer.request.post(`/api/v1/models/gov-${s}/secret-scorer/access-requests`, {
    data: { appId: ids.app, reason: "Fraud checks at checkout" },
  });
  expect(res.status()).toBe(201);
  const request = (await res.json()) as { id: string; status: string };
  expect(request.status).toBe("pending");

  const owner = await as(browser, "publisher");
  await owner.goto("/governance/access-requests");
  await expect(owner.getByRole("cell", { name: "Fraud checks at checkout" })).toBeVisible();
  await owner.getByRole("button", { name: `Grant checkout-${s} access to gov-${s}/secret-scorer` }).click();
  await expect(owner.getByRole("cell", { name: "Fraud checks at checkout" })).toHaveCount(0);
  expect(
    await query(`SELECT "revokedAt", "requestId", "grantedById" FROM access_grants WHERE "modelId" = $1 AND "appId" = $2`, [
      ids.gated,
      ids.app,
    ]),
  ).toEqual([{ revokedAt: null, requestId: request.id, grantedById: ids.publisher }]);
  expect(await query(`SELECT status FROM access_requests WHERE id = $1`, [request.id])).toEqual([{ status: "approved" }]);
});

test("the owning team deprecates a version and the server retires it once the sunset passes", async ({ browser }) => {
  test.setTimeout(150_000);
  const id = await addVersion("4.0.0", "pending_review");
  await query(`UPDATE model_versions SET status = 'approved', "approvedAt" = now() WHERE id = $1`, [id]);
  const publisher = await as(browser, "publisher");
  const sunsetAt = new Date(Date.now() + 2_000).toISOString();
  const res = await publisher.request.post(`/api/v1/models/gov-${s}/scorer/versions/4.0.0/deprecate`, {
    data: { sunsetAt, message: "Use 1.1.0" },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "deprecated", message: "Use 1.1.0" });
  // The sweeper started by instrumentation.ts runs every minute on every node.
  await expect
    .poll(async () => (await query<{ status: string }>(`SELECT status FROM model_versions WHERE id = $1`, [id]))[0].status, {
      timeout: 130_000,
      intervals: [2_000],
    })
    .toBe("retired");
  expect(
    (await query<{ action: string }>(`SELECT action FROM audit_events WHERE "targetId" = $1 ORDER BY id`, [id])).map((r) => r.action),
  ).toEqual(["version.deprecate", "version.retire"]);
});

test("an admin changes a user's role; the audit trail shows it, filters it and exports it; others are kept out", async ({ browser }) => {
  const admin = await as(browser, "admin");
  // The page has a form per user; wait until it is interactive, as a person would.
  await admin.goto("/admin", { waitUntil: "networkidle" });
  await admin.getByLabel(`Role of ${email("newcomer")}`).selectOption("publisher");
  const row = admin.getByRole("row").filter({ hasText: email("newcomer") });
  await expect(row.locator("form[data-hydrated]", { has: admin.getByRole("button", { name: "Save" }) })).toBeVisible();
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved.");
  const [newcomer] = await query<{ id: string; role: string }>(`SELECT id, role FROM users WHERE email = $1`, [email("newcomer")]);
  expect(newcomer.role).toBe("publisher");
  expect(await query(`SELECT action, before, after FROM audit_events WHERE "targetId" = $1`, [newcomer.id])).toEqual([
    { action: "user.update", before: { role: "consumer", disabled: false }, after: { role: "publisher", disabled: false } },
  ]);

  await admin.goto(`/admin/audit?action=user.update&targetId=${newcomer.id}`);
  await expect(admin.getByText("1 events match")).toBeVisible();
  await expect(admin.getByRole("cell", { name: email("admin") })).toBeVisible();
  const csv = await admin.request.get(`/api/v1/audit?targetId=${newcomer.id}&format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(`user.update,user,${newcomer.id}`);

  const reviewer = await as(browser, "reviewer");
  await reviewer.goto("/admin/audit");
  await expect(reviewer).toHaveURL(/\/forbidden/);
  expect((await reviewer.request.get(`/api/v1/audit`)).status()).toBe(403);
});
