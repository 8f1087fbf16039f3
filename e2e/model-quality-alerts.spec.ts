import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { generateApiKey } from "../lib/auth/api-keys";
import { createPerson, query, signIn } from "./support";

// Model health in the browser (issue 16), at desktop width and on a 390 px phone: the demo's failing model is at
// the top of /dashboards/health and carries "failing" on its catalog card (the Health facet finds it) and its
// page; the ROI view lists it among the models losing money or failing. And a flow of its own: an owner turns on
// ground truth for a new model on its version's health page, an app calls it and sends wrong labels as feedback, and the portal's alerts job
// opens an accuracy alert — the model turns failing on the dashboard and its page, with the alert in the database.
const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");
const IRIS_OUTPUT = { "x-class-labels": ["setosa", "versicolor", "virginica"], type: "object" };
const DEMO_FAILING = { path: "ml-platform/car-origin-classifier", name: "Car origin classifier (Auto MPG)" };

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("the demo's failing model on /dashboards/health, its card, its page and the ROI view", async ({ page }) => {
      const [row] = await query<{ healthStatus: string }>(`SELECT "healthStatus"::text FROM models WHERE slug = $1`, [DEMO_FAILING.path]);
      expect(row.healthStatus).toBe("failing");
      await signIn(page, "executive@modelport.local");

      await page.goto("/dashboards/health");
      await expect(page.getByRole("heading", { name: "Model health" })).toBeVisible();
      const table = page.getByRole("table", { name: "Model health and ROI" });
      const failingRow = table.getByRole("row").filter({ hasText: DEMO_FAILING.name });
      await expect(failingRow.getByTestId("health-badge")).toHaveText("failing");
      await expect(failingRow).toContainText("accuracy (v1.0.0)");
      // Failing first.
      await expect(table.getByRole("row").nth(1).getByTestId("health-badge")).toHaveText("failing");

      // The catalog's Health facet finds it, and its card says so.
      await page.goto("/models");
      // On a phone the filters fold away behind a button.
      if (width < 768) await page.getByRole("button", { name: "Filters" }).click();
      await page
        .getByTestId("facet-health")
        .getByRole("link", { name: /failing/ })
        .click();
      await expect(page).toHaveURL(/health=failing/);
      const card = page.getByTestId("model-list").getByRole("listitem").filter({ hasText: DEMO_FAILING.name });
      await expect(card.getByTestId("health-badge")).toHaveText("failing");
      await card.getByRole("link").first().click();
      await expect(page.getByRole("heading", { level: 1, name: DEMO_FAILING.name })).toBeVisible();
      await expect(page.getByTestId("health-badge").first()).toHaveText("failing");
      await expect(page.getByTestId("open-alerts")).toContainText("accuracy");

      await page.goto("/dashboards/roi");
      const troubled = page.getByRole("table", { name: "Models losing money or failing" });
      await expect(troubled.getByRole("row").filter({ hasText: DEMO_FAILING.path }).getByTestId("health-badge")).toHaveText("failing");
    });
  });
}

test("an owner's own model: wrong-label feedback opens an accuracy alert and the model turns failing", async ({ page, request }) => {
  test.setTimeout(120_000);
  const s = randomBytes(4).toString("hex");
  const one = async (sql: string, params: unknown[]) => (await query<{ id: string }>(sql, params))[0].id;
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-health-${s}`,
  ]);
  const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
    `health-${s}`,
    `Health team ${s}`,
    bu,
  ]);
  const owner = await createPerson("publisher", "Model owner");
  await query(`INSERT INTO team_members ("userId", "teamId", role) VALUES ($1, $2, 'maintainer')`, [owner.id, team]);
  const app = await one(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
    `caller-${s}`,
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
     VALUES (gen_random_uuid(), $1, 'iris', $2, $3, 'tabular-classification', 'onnx', now()) RETURNING id`,
    [team, `health-${s}/iris`, `Iris health ${s}`],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "outputSchema", "costModel", "updatedAt")
     VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', 'onnx', $2, $3, $4, now())`,
    [model, IRIS, JSON.stringify(IRIS_OUTPUT), JSON.stringify({ kind: "per_call", microsPerCall: 100 })],
  );
  const auth = { authorization: `Bearer ${key.secret}` };
  const base = `/api/v1/models/health-${s}/iris/versions/1.0.0`;

  // The owner turns on ground truth with a reference accuracy on the version's health page, from the model page.
  await signIn(page, owner.email, owner.password);
  await page.goto(`/models/health-${s}/iris`);
  await page.getByTestId("health-links").getByRole("link", { name: "Quality and alert thresholds of v1.0.0" }).click();
  await expect(page.getByText("This version does not collect ground truth yet.")).toBeVisible();
  await page.getByLabel("Ground truth").selectOption("classification");
  await page.getByLabel("Reference accuracy (0–1)").fill("0.95");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Health settings saved")).toBeVisible();
  const [saved] = await query<{ qualityKind: string; referenceAccuracy: number }>(
    `SELECT "qualityKind"::text, "referenceAccuracy" FROM model_versions WHERE "modelId" = $1`,
    [model],
  );
  expect(saved).toEqual({ qualityKind: "classification", referenceAccuracy: 0.95 });

  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await request.post(`${base}/invoke`, { headers: auth, data: { features: [[4.8, 3.4, 1.6, 0.2]] } });
    expect(res.status()).toBe(200);
    ids.push((await res.json()).requestId);
  }
  // Feedback says every answer was wrong (the model answers setosa for this flower).
  await expect
    .poll(async () => {
      const res = await request.post("/api/v1/feedback", {
        headers: auth,
        data: { items: ids.map((requestId) => ({ requestId, actual: "virginica" })) },
      });
      return (await res.json()).matched;
    })
    .toBe(12);

  // The alerts job (every 30 s) opens the alert; the model's status follows in the same run.
  await expect
    .poll(
      async () =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM model_alerts a JOIN model_versions v ON v.id = a."versionId"
              JOIN models m ON m.id = v."modelId"
             WHERE v."modelId" = $1 AND a.rule = 'accuracy' AND a."resolvedAt" IS NULL AND m."healthStatus" = 'failing'`,
            [model],
          )
        )[0].n,
      { timeout: 90_000 },
    )
    .toBe(1); // the alert is opened first, the status follows at the end of the same job run

  await page.goto("/dashboards/health");
  const row = page
    .getByRole("table", { name: "Model health and ROI" })
    .getByRole("row")
    .filter({ hasText: `Iris health ${s}` });
  await expect(row.getByTestId("health-badge")).toHaveText("failing");
  await expect(row).toContainText("accuracy (v1.0.0)");
  await row.getByRole("link", { name: `Iris health ${s}` }).click();
  await expect(page.getByTestId("open-alerts")).toContainText("accuracy 0.0 %");
  const [notified] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE kind = 'model.alert' AND "recipientId" = $1`,
    [owner.id],
  );
  expect(notified.n).toBe(1);
});
