import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateApiKey } from "../lib/auth/api-keys";
import { createPerson, query, signIn } from "./support";

// Budgets through the UI (issue 17), at desktop width and on a 390 px phone: an app of a new team calls a model
// with its key; an admin sets a hard-capped daily budget on it from the Budgets page (checked in the database and
// the audit trail); the app's owner sees spend vs budget and the forecast on the app page; once the budget is
// spent the gateway refuses the app's calls with 402 budget_exceeded.
const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");
const PER_CALL = 250_000; // micros: 0.25 per call
const body = { features: [[4.8, 3.4, 1.6, 0.2]] };

async function setup(label: string) {
  const s = randomBytes(4).toString("hex");
  const one = async (sql: string, params: unknown[]) => (await query<{ id: string }>(sql, params))[0].id;
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-budget-${s}`,
  ]);
  const teamName = `Budget team ${s}`;
  const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
    `budget-${s}`,
    teamName,
    bu,
  ]);
  const owner = await createPerson("consumer", `App owner ${label}`);
  await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [owner.id, team]);
  const appName = `scorer-${s}`;
  const app = await one(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
    appName,
    team,
    owner.id,
  ]);
  const key = generateApiKey();
  await query(
    `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'e2e', $2, $3, '{invoke}', $4)`,
    [app, key.prefix, key.hash, owner.id],
  );
  const model = await one(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'iris', $2, 'Iris', 'tabular-classification', 'onnx', now()) RETURNING id`,
    [team, `budget-${s}-iris`],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "costModel", "updatedAt")
     VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', 'onnx', $2, $3, now())`,
    [model, IRIS, JSON.stringify({ kind: "per_call", microsPerCall: PER_CALL })],
  );
  return {
    app,
    appName,
    teamName,
    unit: `e2e-budget-${s}`,
    owner,
    secret: key.secret,
    invokeUrl: `/api/v1/models/budget-${s}/iris/invoke`,
  };
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth} px wide in a ${clientWidth} px window`).toBeLessThanOrEqual(clientWidth);
}

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["390 px phone", { width: 390, height: 844 }],
] as const) {
  test.describe(label, () => {
    test.use({ viewport });

    test(`an admin sets a hard-capped budget on an app; its owner sees spend vs budget; spent, calls are refused (${label})`, async ({
      page,
      browser,
    }) => {
      const fx = await setup(label);
      const call = () => page.request.post(fx.invokeUrl, { headers: { authorization: `Bearer ${fx.secret}` }, data: body });
      for (let i = 0; i < 2; i++) expect((await call()).status()).toBe(200); // 0.50 spent today

      // The admin finds Budgets from the admin pages and sets 1.00 a day, alert at 50 %, hard cap.
      const admin = await createPerson("admin", `Budget admin ${label}`);
      await signIn(page, admin.email, admin.password);
      await page.goto("/admin");
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Budgets" }).click();
      await expect(page.getByRole("heading", { name: "Budgets", level: 1 })).toBeVisible();
      const form = page.locator("section", { has: page.getByRole("heading", { name: "New budget" }) });
      await form.getByLabel("On", { exact: true }).selectOption({ label: `${fx.appName} (${fx.teamName})` });
      await form.getByLabel("Amount (USD)").fill("1");
      await form.getByLabel("Per", { exact: true }).selectOption("day");
      await form.getByLabel("Alert at (%)").fill("50");
      await form.getByLabel(/Hard cap/).check();
      await form.getByRole("button", { name: "Set budget" }).click();
      await expect(form.getByRole("status")).toHaveText(`Budget set on ${fx.appName}.`);
      const card = page.getByRole("article", { name: `daily budget of ${fx.appName}` });
      await expect(card).toContainText("$0.50 of $1.00 spent (50 %)");
      await expect(card).toContainText("hard cap");
      await expectNoSidewaysScroll(page);
      const [row] = await query<{
        id: string;
        amountMicros: string;
        period: string;
        hardCap: boolean;
        thresholdPercent: number;
        createdById: string;
      }>(
        `SELECT id, "amountMicros"::text AS "amountMicros", period::text AS period, "hardCap", "thresholdPercent", "createdById" FROM budgets WHERE "appId" = $1`,
        [fx.app],
      );
      expect(row).toMatchObject({ amountMicros: "1000000", period: "day", hardCap: true, thresholdPercent: 50, createdById: admin.id });
      expect(
        await query(`SELECT 1 FROM audit_events WHERE action = 'budget.create' AND "targetId" = $1 AND "actorId" = $2`, [row.id, admin.id]),
      ).toHaveLength(1);

      // The app's owner sees it on the app page: spend vs budget, the forecast and the reset.
      const ownerContext = await browser.newContext({ viewport });
      const ownerPage = await ownerContext.newPage();
      await signIn(ownerPage, fx.owner.email, fx.owner.password);
      await ownerPage.goto("/apps");
      await ownerPage
        .getByRole("article", { name: `App ${fx.appName}` })
        .getByRole("link", { name: "Usage" })
        .click();
      const budgets = ownerPage.locator("section", { has: ownerPage.getByRole("heading", { name: "Budgets" }) });
      const meter = budgets.getByRole("listitem", { name: `daily budget of ${fx.appName}` });
      await expect(meter).toContainText("This app");
      await expect(meter).toContainText("$0.50 of $1.00 spent (50 %)");
      await expect(meter).toContainText(/Forecast to period end: \$[\d,.]+/);
      await expect(meter).toContainText(/resets \d{4}-\d{2}-\d{2} 00:00 UTC/);
      await expectNoSidewaysScroll(ownerPage);
      await ownerContext.close();

      // Two more calls spend it; from then on (within the spend cache's few seconds) the gateway refuses with 402.
      for (let i = 0; i < 2; i++) expect((await call()).status()).toBe(200);
      await expect.poll(async () => (await call()).status(), { timeout: 15_000 }).toBe(402);
      const refused = (await (await call()).json()) as { error: { code: string; message: string } };
      expect(refused.error.code).toBe("budget_exceeded");
      expect(refused.error.message).toContain(`The daily budget of app ${fx.appName}`);
      expect(
        await query(`SELECT 1 FROM invocations WHERE "appId" = $1 AND "statusCode" = 402 AND "errorCode" = 'budget_exceeded'`, [fx.app]),
      ).not.toHaveLength(0);

      // The admin raises it to 5.00 from the page: the app's calls go through again at once.
      await page.reload();
      await card.getByText("Change or remove").click();
      await card.getByLabel("Amount (USD)").fill("5");
      await card.getByRole("button", { name: "Save" }).click();
      await expect(card.getByRole("status")).toHaveText(`Budget on ${fx.appName} saved.`);
      await expect(card).toContainText("of $5.00 spent");
      expect((await query<{ a: string }>(`SELECT "amountMicros"::text AS a FROM budgets WHERE id = $1`, [row.id]))[0].a).toBe("5000000");
      // (The gateway door process hears of the change through NOTIFY, within milliseconds.)
      await expect.poll(async () => (await call()).status(), { timeout: 5_000 }).toBe(200);

      // A monthly budget on the app's business unit is the line its chargeback statement is measured against.
      await page.goto("/budgets");
      await form.getByLabel("On", { exact: true }).selectOption({ label: fx.unit });
      await form.getByLabel("Amount (USD)").fill("10");
      await form.getByLabel("Per", { exact: true }).selectOption("month");
      await form.getByRole("button", { name: "Set budget" }).click();
      await expect(form.getByRole("status")).toHaveText(`Budget set on ${fx.unit}.`);
      const [{ cost }] = await query<{ cost: string }>(`SELECT sum("costMicros")::text AS cost FROM invocations WHERE "appId" = $1`, [
        fx.app,
      ]);
      const expected = `Monthly budget $10.00: ${Math.round(Number(cost) / 10_000) / 10} % used by this statement's cost.`;
      await expect
        .poll(
          async () => {
            await page.goto(`/dashboards/chargeback?unit=${fx.unit}`);
            return page
              .getByTestId("statement-budget")
              .textContent({ timeout: 1_000 })
              .catch(() => null);
          },
          { timeout: 15_000 },
        )
        .toBe(expected);
      await expectNoSidewaysScroll(page);

      // The executive view lists this period's budgets, the most used first.
      await page.goto("/dashboards/roi");
      const budgetRows = page.getByRole("table", { name: "Budgets this period" }).getByRole("row");
      await expect(budgetRows.filter({ hasText: `Unit ${fx.unit}` })).toContainText("monthly");
      await expect(budgetRows.filter({ hasText: `Unit ${fx.unit}` })).toContainText("$10.00");
      await expect(budgetRows.filter({ hasText: `App ${fx.appName}` })).toContainText("$5.00");
      await expectNoSidewaysScroll(page);

      // And removes the app's budget: gone from the page and the database, the removal audited.
      await page.goto("/budgets");
      await card.getByText("Change or remove").click();
      await card.getByRole("button", { name: "Remove budget" }).click();
      await expect(page.getByRole("article", { name: `daily budget of ${fx.appName}` })).toHaveCount(0);
      expect(await query(`SELECT 1 FROM budgets WHERE id = $1`, [row.id])).toHaveLength(0);
      expect(
        await query(`SELECT 1 FROM audit_events WHERE action = 'budget.delete' AND "targetId" = $1 AND "actorId" = $2`, [row.id, admin.id]),
      ).toHaveLength(1);
    });
  });
}
