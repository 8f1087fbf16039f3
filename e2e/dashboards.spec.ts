// An executive reads the ROI dashboard, changes the range, opens one business unit's chargeback statement
// and downloads its CSV; the CSV's totals equal the page's and the database's. The spec makes its own
// executive, business unit, model, app and calls (raw rows queued for the roll-up fold, as the recorder does).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { query } from "./support";

const tag = randomBytes(4).toString("hex");
const email = `exec-${tag}@e2e.local`;
const unitName = `E2E Unit ${tag}`;

test.beforeAll(async () => {
  await query(
    `INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'E2E Executive', $2, 'executive')`,
    [email, await bcrypt.hash("e2e-password", 4)],
  );
  await query(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3)`, [
    `e2e-${tag}`,
    unitName,
    `E2E-${tag}`,
  ]);
  await query(
    `INSERT INTO teams (id, slug, name, "businessUnitId") SELECT gen_random_uuid(), $1, 'E2E team', id FROM business_units WHERE slug = $1`,
    [`e2e-${tag}`],
  );
  await query(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "updatedAt")
    SELECT gen_random_uuid(), id, 'scorer', $1 || '/scorer', 'E2E scorer', 'classification', 'onnx', 25000, now() FROM teams WHERE slug = $1`,
    [`e2e-${tag}`],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", "updatedAt")
    SELECT gen_random_uuid(), id, '1.0.0', 1, 0, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":4321}', now() FROM models WHERE slug = $1 || '/scorer'`,
    [`e2e-${tag}`],
  );
  await query(`INSERT INTO apps (id, name, "teamId") SELECT gen_random_uuid(), 'e2e-app-' || $1, id FROM teams WHERE slug = 'e2e-' || $1`, [
    tag,
  ]);
  // 12 calls per hour over the last 30 hours (the e2e run starts mid-month or later in this project's clock;
  // hours before the month boundary are simply not in this month's statement).
  await query(
    `INSERT INTO invocations (at, "requestId", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "costMicros", "valueMicros")
    SELECT date_trunc('hour', now()) - make_interval(hours => h) + make_interval(mins => c * 4), 'e2e-' || h || '-' || c, m.id, v.id, a.id, 'api',
           CASE WHEN c = 0 THEN 500 ELSE 200 END, 2, 20, 4321, CASE WHEN c = 0 THEN 0 ELSE 25000 END
      FROM generate_series(1, 30) h, generate_series(0, 11) c, models m
      JOIN model_versions v ON v."modelId" = m.id, apps a WHERE m.slug = $1 || '/scorer' AND a.name = 'e2e-app-' || $2`,
    [`e2e-${tag}`, tag],
  );
  await query(
    `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
    SELECT i.at, i."modelId", i."versionId", i."appId", i.channel, i."statusCode", i."gatewayMs", i."upstreamMs", i."bytesIn", i."bytesOut", i."costMicros", i."valueMicros"
      FROM invocations i JOIN apps a ON a.id = i."appId" WHERE a.name = 'e2e-app-' || $1`,
    [tag],
  );
  // The portal's fold adds them to the roll-ups within a second or two.
  await expect
    .poll(
      async () =>
        Number(
          (
            await query<{ n: string }>(
              `SELECT coalesce(sum(u.calls), 0) AS n FROM usage_daily u JOIN apps a ON a.id = u."appId" WHERE a.name = 'e2e-app-' || $1`,
              [tag],
            )
          )[0].n,
        ),
      { timeout: 30_000 },
    )
    .toBe(360);
});

// Like support.ts's signIn, with role-based locators (the sign-in form's own label also contains "Email").
async function signInAs(page: import("@playwright/test").Page, user: string, password: string) {
  await page.goto("/signin");
  await page.getByRole("textbox", { name: "Email" }).fill(user);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

test("an executive reads ROI, changes the range, and downloads a unit's chargeback CSV matching the page", async ({ page }) => {
  await signInAs(page, email, "e2e-password");
  await page.goto("/dashboards/roi");
  await expect(page.getByRole("heading", { name: "Return on investment" })).toBeVisible();
  // Non-empty charts: the trend has drawn lines and the unit chart has bars.
  await expect(page.locator('[aria-label="Value and cost over time"] .recharts-line-curve').first()).toBeVisible();
  await expect(page.locator('[aria-label="Net value by business unit"] .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByRole("cell", { name: unitName }).first()).toBeVisible();

  await page.getByLabel("Range").selectOption("7d");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByLabel("Range")).toHaveValue("7d");

  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: unitName, exact: true }) })
    .last();
  await row.getByRole("link", { name: /Statement/ }).click();
  await expect(page.getByRole("heading", { name: /Chargeback statement/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: unitName })).toBeVisible();
  const month = new URL(page.url()).searchParams.get("month")!;

  const pageCalls = Number((await page.locator('[data-total="calls"]').innerText()).replaceAll(",", ""));
  const pageCost = await page.locator('[data-total="cost"]').getAttribute("data-micros");
  const pageValue = await page.locator('[data-total="value"]').getAttribute("data-micros");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  const csv = readFileSync((await download.path())!, "utf8")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  expect(csv[0]).toEqual(["month", "business_unit", "model", "app", "calls", "cost_micros", "value_micros", "cost", "value"]);
  const total = csv.find((l) => l[2] === "TOTAL")!;
  expect([Number(total[4]), total[5], total[6]]).toEqual([pageCalls, pageCost, pageValue]);

  const [db] = await query<{ calls: string; cost: string; value: string }>(
    `SELECT count(*) AS calls, sum(i."costMicros")::text AS cost, sum(i."valueMicros")::text AS value
       FROM invocations i JOIN apps a ON a.id = i."appId"
      WHERE a.name = $1 AND i.at >= $2::date AND i.at < ($2::date + interval '1 month')`,
    [`e2e-app-${tag}`, `${month}-01`],
  );
  expect([Number(db.calls), db.cost, db.value]).toEqual([pageCalls, pageCost, pageValue]);
  expect(pageCalls).toBeGreaterThan(0);
});

test("the usage and adoption dashboards render with data, and an admin adds an audited hardware rate", async ({ page, browser }) => {
  await signInAs(page, email, "e2e-password");
  await page.goto(`/dashboards/usage?range=7d&groupBy=model&model=e2e-${tag}/scorer`);
  await expect(page.locator('[data-kpi="Calls"]')).toHaveText("360");
  await expect(page.locator('[data-kpi="Errors"]')).toHaveText("30");
  // Constant latencies draw flat lines (zero-height boxes), so count the drawn series instead of "visible".
  await expect(page.locator('[aria-label="Latency percentiles over time, gateway and model"] .recharts-line-curve')).toHaveCount(6);
  await page.getByRole("link", { name: "consumers" }).click();
  await expect(page).toHaveURL(/groupBy=app/);
  await expect(page.getByRole("cell", { name: `e2e-app-${tag}` })).toBeVisible();
  await page.goto("/dashboards/adoption");
  await expect(page.getByRole("heading", { name: "Adoption", exact: true, level: 1 })).toBeVisible();
  await expect(page.locator('[data-kpi="Median lead time to production"]')).toBeVisible();

  const adminEmail = `admin-${tag}@e2e.local`;
  await query(`INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'E2E Admin', $2, 'admin')`, [
    adminEmail,
    await bcrypt.hash("e2e-password", 4),
  ]);
  const admin = await browser.newPage();
  await signInAs(admin, adminEmail, "e2e-password");
  await admin.goto("/admin/rates");
  await admin.getByLabel("Hardware class").fill(`gpu-${tag}`);
  await admin.getByLabel("Hourly rate (USD)").fill("2.75");
  await admin.getByLabel("Effective from (UTC, ISO)").fill("2027-01-01T00:00:00Z");
  await admin.getByRole("button", { name: "Add rate" }).click();
  await expect(admin.getByRole("status")).toContainText(`gpu-${tag}`);
  await expect(admin.getByRole("cell", { name: `gpu-${tag}` })).toBeVisible();
  const [rate] = await query<{ micros: string; audits: string }>(
    `SELECT r."hourlyRateMicros"::text AS micros, (SELECT count(*) FROM audit_events a WHERE a.action = 'hardware_rate.create' AND a."targetId" = r.id::text)::text AS audits
       FROM hardware_rates r WHERE r."hardwareClass" = $1`,
    [`gpu-${tag}`],
  );
  expect(rate).toEqual({ micros: "2750000", audits: "1" });
  await admin.close();
});

test("an admin finds a call the roll-ups refused on /admin/rollups, with the database's error, and discards it", async ({ page }) => {
  const adminEmail = `rollups-${tag}@e2e.local`;
  await query(`INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'E2E Admin', $2, 'admin')`, [
    adminEmail,
    await bcrypt.hash("e2e-password", 4),
  ]);
  // A queued call whose version does not exist (as if deleted by hand): the fold sets it aside and goes on.
  const [{ model }] = await query<{ model: string }>(`SELECT id AS model FROM models WHERE slug = $1`, [`e2e-${tag}/scorer`]);
  await query(
    `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
    VALUES (now(), $1, gen_random_uuid(), NULL, 'console', 200, 1, 1, 0, 0, 424242, 0)`,
    [model],
  );
  await expect
    .poll(
      async () =>
        (await query(`SELECT 1 FROM usage_dead_letters WHERE entry->>'costMicros' = '424242' AND entry->>'modelId' = $1`, [model])).length,
      { timeout: 30_000 },
    )
    .toBe(1);

  await signInAs(page, adminEmail, "e2e-password");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Usage roll-ups" }).click();
  await expect(page.getByRole("heading", { name: "Usage roll-ups" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: `e2e-${tag}/scorer` });
  await expect(row).toContainText("foreign key");
  await expect(row).toContainText("$0.42");
  await row.getByRole("button", { name: "Discard" }).click();
  // The page re-renders without it (the form that sent the action goes with its row).
  await expect(page.getByRole("row").filter({ hasText: `e2e-${tag}/scorer` })).toHaveCount(0);
  const audit = await query(
    `SELECT 1 FROM audit_events e JOIN users u ON u.id = e."actorId" WHERE e.action = 'rollup.discard' AND u.email = $1`,
    [adminEmail],
  );
  expect(audit).toHaveLength(1);
});
