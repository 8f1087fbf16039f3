import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query } from "./support";

// A word nobody else uses, made of letters only, so the search finds exactly this spec's models.
const word = "zq" + Array.from({ length: 7 }, () => "bcdfghjklmnpqrstvwxz"[randomInt(20)]).join("");

test.beforeAll(async () => {
  const [team] = await query<{ id: string }>(
    `WITH bu AS (INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, 'E2E search', $1) RETURNING id)
     INSERT INTO teams (id, slug, name, "businessUnitId", "contactEmail") SELECT gen_random_uuid(), $1, 'Team ' || $1, id, $1 || '@example.test' FROM bu RETURNING id`,
    [`t-${word}`],
  );
  const [reviewer] = await query<{ id: string }>(
    `INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, 'Rita Reviewer', 'reviewer') RETURNING id`,
    [`rev-${word}@example.test`],
  );
  const card = [
    `# About ${word}`,
    "It classifies **flowers**.",
    "<script>window.__pwned = 1</script>",
    '<img src="x" onerror="window.__pwned = 2">',
    "[do not click](javascript:window.__pwned=3)",
  ].join("\n\n");
  const models = [
    { name: `${word}-classifier`, display: `${word} Classifier`, framework: "sklearn", card },
    { name: `${word}-regressor`, display: `${word} Regressor`, framework: "xgboost", card: "Plain card." },
  ];
  for (const m of models) {
    const [model] = await query<{ id: string }>(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", summary, card, task, framework, tags, license, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'Search spec model.', $5, 'tabular-classification', $6, $7, 'MIT', now()) RETURNING id`,
      [team.id, m.name, `t-${word}/${m.name}`, m.display, m.card, m.framework, [word]],
    );
    await query(
      `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "costModel", changelog, "approvedAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'deprecated', 'onnx', '{"kind":"per_call","microsPerCall":10}', 'First release.', now() - interval '9 days', now()),
              (gen_random_uuid(), $1, '1.1.0', 1, 1, 0, 'approved', 'onnx', '{"kind":"per_call","microsPerCall":10}', 'Twice as fast.', now(), now())`,
      [model.id],
    );
    await query(
      `INSERT INTO reviews (id, "versionId", "reviewerId", decision, comment, checklist)
       SELECT gen_random_uuid(), id, $2, 'approve', 'Looks good to ship.', '{}' FROM model_versions WHERE "modelId" = $1 AND version = '1.1.0'`,
      [model.id, reviewer.id],
    );
  }
});

test("a visitor searches, filters by a facet, opens a model and reads its card and versions", async ({ page }) => {
  page.on("dialog", () => {
    throw new Error("a dialog opened: card content ran script");
  });
  // The database keeps the search document and the version statuses up to date by itself.
  const stored = await query<{ name: string; statuses: string[]; indexed: boolean }>(
    `SELECT name, "catalogStatuses"::text[] AS statuses, "searchVector" IS NOT NULL AS indexed FROM models WHERE $1 = ANY(tags) ORDER BY name`,
    [word],
  );
  expect(stored).toEqual([
    { name: `${word}-classifier`, statuses: ["approved", "deprecated"], indexed: true },
    { name: `${word}-regressor`, statuses: ["approved", "deprecated"], indexed: true },
  ]);

  await page.goto("/models");
  await page.getByRole("searchbox", { name: "Search models" }).fill(word);
  await page.getByRole("searchbox", { name: "Search models" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/models\\?q=${word}$`));
  await expect(page.getByTestId("result-count")).toHaveText(`2 models for “${word}”`);

  await page
    .getByTestId("facet-framework")
    .getByRole("link", { name: /sklearn/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`q=${word}&framework=sklearn`));
  await expect(page.getByTestId("result-count")).toHaveText(`1 model for “${word}”`);
  // the framework facet still offers the other framework with its count
  await expect(page.getByTestId("facet-framework").getByRole("link", { name: /xgboost\s*1/ })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("result-count")).toHaveText(`1 model for “${word}”`);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/models\\?q=${word}$`));
  await expect(page.getByTestId("result-count")).toHaveText(`2 models for “${word}”`);
  await page.goForward();
  await expect(page.getByTestId("result-count")).toHaveText(`1 model for “${word}”`);

  // a typo still finds it (two neighbouring letters swapped)
  const typo = word.slice(0, 3) + word[4] + word[3] + word.slice(5);
  await page.goto(`/models?q=${typo}`);
  await expect(page.getByTestId("model-list").getByRole("link").first()).toContainText(`${word} Classifier`);

  await page.goto(`/models?q=${word}&framework=sklearn`);
  await page.getByRole("link", { name: new RegExp(`${word} Classifier`) }).click();
  await expect(page).toHaveURL(new RegExp(`/models/t-${word}/${word}-classifier$`));
  await expect(page.getByRole("heading", { level: 1, name: `${word} Classifier` })).toBeVisible();
  const card = page.getByTestId("model-card");
  await expect(card.getByRole("heading", { name: `About ${word}` })).toBeVisible();
  await expect(card.locator("strong")).toHaveText("flowers");
  await expect(card.locator("script")).toHaveCount(0);
  await expect(card.locator("[onerror]")).toHaveCount(0);
  await expect(card.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  const timeline = page.getByTestId("version-timeline");
  await expect(timeline.getByRole("listitem").filter({ hasText: "v1.1.0" })).toContainText("approved");
  await expect(timeline).toContainText("Twice as fast.");
  await expect(timeline).toContainText("Looks good to ship.");
  await expect(timeline.getByRole("listitem").filter({ hasText: "v1.0.0" })).toContainText("deprecated");
  await expect(page.getByTestId("model-metadata")).toContainText(`t-${word}@example.test`);

  await timeline.getByRole("link", { name: "v1.0.0" }).click();
  await expect(page).toHaveURL(new RegExp(`/versions/1.0.0$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("v1.0.0");
  await expect(page.getByText("First release.").first()).toBeVisible();
});

test("the model API answers 404 for a model that does not exist", async ({ request }) => {
  const res = await request.get(`/api/v1/models/t-${word}/nope`);
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe("not_found");
  const found = await request.get(`/api/v1/models/t-${word}/${word}-classifier`);
  expect(found.status()).toBe(200);
  expect((await found.json()).versions.map((v: { version: string }) => v.version)).toEqual(["1.1.0", "1.0.0"]);
});
