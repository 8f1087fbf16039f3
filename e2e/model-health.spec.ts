import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

// Model health (issue 16) the way a person meets it: from the demo penguin classifier's page to its Health page,
// where body mass — and only body mass — is drifting; the owner uploads a reference dataset for iris through
// the form (checked in the database and the audit trail); the page works on a 390 px phone.

test("the drifting demo model's Health page names the drifting feature", async ({ page }) => {
  await signIn(page, "publisher@modelport.local");
  await page.goto("/models/ml-platform/penguin-species-classifier");
  await page.getByRole("link", { name: /^Health: drift/ }).click();
  await expect(page).toHaveURL(/\/models\/ml-platform\/penguin-species-classifier\/health/);
  await expect(page.getByRole("status").filter({ hasText: "Drifting" })).toContainText("body_mass_g");
  const table = page.getByRole("table", { name: "Drift per feature over the window" });
  await expect(table.getByRole("row", { name: /body_mass_g/ })).toContainText("drifting");
  for (const stable of ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"])
    await expect(table.getByRole("row", { name: new RegExp(stable) })).toContainText("stable");
  await expect(page.getByRole("img", { name: /Input drift per day/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Captured calls/ })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all (JSONL)" }).click()]);
  expect(download.suggestedFilename()).toBe("ml-platform-penguin-species-classifier-1.0.0-captures.jsonl");
  const lines = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  const [{ n }] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM payload_captures c JOIN model_versions v ON v.id = c."versionId"
     JOIN models m ON m.id = v."modelId" WHERE m.name = 'penguin-species-classifier'`,
  );
  expect(lines).toHaveLength(n);
  expect(JSON.parse(lines[0])).toMatchObject({ input: { features: expect.any(Array) }, output: { label: expect.any(Array) } });
});

test("an owner uploads iris.csv as the reference from the Health page", async ({ page }) => {
  await signIn(page, "publisher@modelport.local");
  await page.goto("/models/ml-platform/iris-classifier/health");
  const started = new Date();
  await page.getByLabel(/Reference dataset/).setInputFiles({
    name: "iris-upload.csv",
    mimeType: "text/csv",
    buffer: readFileSync("data/datasets/iris.csv"),
  });
  await page.getByRole("button", { name: "Upload and profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reference built from 150 rows" })).toBeVisible();
  await expect(page.getByText("iris-upload.csv")).toBeVisible();
  const [row] = await query<{ fileName: string; rowCount: number }>(
    `SELECT r."fileName", r."rowCount" FROM reference_profiles r JOIN model_versions v ON v.id = r."versionId"
     JOIN models m ON m.id = v."modelId" WHERE m.name = 'iris-classifier'`,
  );
  expect(row).toEqual({ fileName: "iris-upload.csv", rowCount: 150 });
  const audits = await query(`SELECT 1 FROM audit_events WHERE action = 'version.reference' AND at >= $1`, [started]);
  expect(audits.length).toBeGreaterThan(0);
  // A bad file is refused with the line that is wrong, and the reference stays as it was.
  await page.getByLabel(/Reference dataset/).setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4\n"),
  });
  await page.getByRole("button", { name: "Upload and profile" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Line 2" })).toContainText("3 cells where the header has 4");
  const [after] = await query<{ fileName: string }>(
    `SELECT r."fileName" FROM reference_profiles r JOIN model_versions v ON v.id = r."versionId"
     JOIN models m ON m.id = v."modelId" WHERE m.name = 'iris-classifier'`,
  );
  expect(after.fileName).toBe("iris-upload.csv");
});

test("the Health page fits a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "publisher@modelport.local");
  await page.goto("/models/ml-platform/penguin-species-classifier/health");
  await expect(page.getByRole("status").filter({ hasText: "Drifting" })).toContainText("body_mass_g");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("an owner changes the capture settings from the Health page (and puts them back)", async ({ page }) => {
  await signIn(page, "publisher@modelport.local");
  await page.goto("/models/ml-platform/penguin-species-classifier/health");
  const setting = () =>
    query<{ captureRate: number; captureRedactFields: string[] }>(
      `SELECT v."captureRate", v."captureRedactFields" FROM model_versions v JOIN models m ON m.id = v."modelId"
       WHERE m.name = 'penguin-species-classifier' AND v.status = 'approved'`,
    );
  await page.getByLabel("Share of successful calls captured (%)").fill("25");
  await page.getByLabel(/Redacted fields/).fill("island, sex");
  await page.getByRole("button", { name: "Save capture settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(page.getByText("25.0 % of successful calls are captured")).toBeVisible();
  expect(await setting()).toEqual([{ captureRate: 0.25, captureRedactFields: ["island", "sex"] }]);
  await page.getByLabel("Share of successful calls captured (%)").fill("10");
  await page.getByLabel(/Redacted fields/).fill("");
  await page.getByRole("button", { name: "Save capture settings" }).click();
  await expect(page.getByText("10.0 % of successful calls are captured")).toBeVisible();
  expect(await setting()).toEqual([{ captureRate: 0.1, captureRedactFields: [] }]);
});

test("the Health page shows a model's shadow comparison and leads to the candidate's review", async ({ page }) => {
  const [shadowed] = await query<{ slug: string; version: string; serving: string }>(
    `SELECT m.slug, v.version,
            (SELECT s.version FROM model_versions s WHERE s."modelId" = m.id AND s.status = 'approved' ORDER BY s."approvedAt" DESC LIMIT 1) AS serving
       FROM model_shadows sh JOIN models m ON m.id = sh."modelId" JOIN model_versions v ON v.id = sh."candidateVersionId"
      ORDER BY m.slug LIMIT 1`,
  );
  expect(shadowed).toBeDefined();
  await signIn(page, "reviewer@modelport.local");
  await page.goto(`/models/${shadowed.slug}/health?version=${shadowed.serving}`);
  const section = page.getByRole("region", { name: "Shadow and canary" });
  await expect(section).toContainText(`mirrored to v${shadowed.version}`);
  await expect(section.getByTestId("shadow-figures")).toContainText("Compared calls");
  await section.getByRole("link", { name: "Review page" }).click();
  await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(shadowed.version);
  await expect(page.getByRole("region", { name: "Shadow traffic" })).toContainText(`mirrored to ${shadowed.version}`);
});
