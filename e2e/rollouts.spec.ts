import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPerson, query } from "./support";

// A reviewer mirrors live calls to a version in review from its review page and sees how it compares with the
// serving version on the same inputs — on a model this spec creates (two versions of the real iris ONNX model).

const s = randomBytes(4).toString("hex");
let candidateId = "";
let modelId = "";
let slug = "";
let teamId = "";

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T> {
  return (await query<T>(sql, params))[0];
}

test.beforeAll(async () => {
  const team = await one<{ id: string; slug: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") SELECT gen_random_uuid(), $1, $2, id FROM business_units LIMIT 1 RETURNING id, slug`,
    [`shadow-${s}`, `Shadow team ${s}`],
  );
  teamId = team.id;
  const name = "flowers";
  slug = `${team.slug}/${name}`;
  const model = await one<{ id: string }>(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'tabular-classification', 'onnx', now()) RETURNING id`,
    [team.id, name, slug, `Flowers ${s}`],
  );
  modelId = model.id;
  const iris = await one<{ artifactPath: string; inputSchema: unknown; outputSchema: unknown; exampleInput: unknown }>(
    `SELECT v."artifactPath", v."inputSchema", v."outputSchema", v."exampleInput" FROM model_versions v JOIN models m ON m.id = v."modelId"
      WHERE m.slug = 'ml-platform/iris-classifier' AND v.status = 'approved' ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1`,
    [],
  );
  const addVersion = async (version: string, status: "approved" | "pending_review") => {
    const [major, minor, patch] = version.split(".").map(Number);
    const v = await one<{ id: string }>(
      `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, runtime, "artifactPath", "inputSchema", "outputSchema", "exampleInput", "costModel", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'onnx', $6, $7, $8, $9, '{"kind":"per_call","microsPerCall":10}', now()) RETURNING id`,
      [model.id, version, major, minor, patch, iris.artifactPath, iris.inputSchema, iris.outputSchema, iris.exampleInput],
    );
    await query(`UPDATE model_versions SET status = 'pending_review', "submittedAt" = now() WHERE id = $1`, [v.id]);
    if (status === "approved") await query(`UPDATE model_versions SET status = 'approved', "approvedAt" = now() WHERE id = $1`, [v.id]);
    return v.id;
  };
  await addVersion("1.0.0", "approved");
  candidateId = await addVersion("1.1.0", "pending_review");
});

test("a reviewer shadows a version in review and sees the comparison after live calls", async ({ page }) => {
  const reviewer = await createPerson("reviewer", "Shadow reviewer");
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(reviewer.email);
  await page.getByLabel("Password", { exact: true }).fill(reviewer.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();

  await page.goto(`/review/${candidateId}`);
  const panel = page.getByTestId("shadow-panel");
  await expect(panel).toContainText("No shadow");
  await panel.getByLabel("Share of live calls (%)").fill("100");
  await panel.getByRole("button", { name: "Shadow 1.1.0" }).click();
  await expect(panel).toContainText("100 % of live calls are mirrored to 1.1.0");
  expect(await query(`SELECT percent, "setById" FROM model_shadows WHERE "modelId" = $1`, [modelId])).toEqual([
    { percent: 100, setById: reviewer.id },
  ]);

  // Live calls to the model (latest approved = 1.0.0), from the reviewer's console session.
  const answers = await page.evaluate(async (path) => {
    const out: { status: number; version: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ features: [[5.1, 3.5, 1.4, 0.2]] }),
      });
      out.push({ status: res.status, version: ((await res.json()) as { version: string }).version });
    }
    return out;
  }, `/api/v1/models/${slug}/invoke`);
  expect(answers.every((a) => a.status === 200 && a.version === "1.0.0")).toBe(true);

  // The candidate runs after each answer; the figures show once its comparisons are stored.
  await expect(async () => {
    await panel.getByRole("button", { name: "Refresh figures" }).click();
    await expect(panel.getByRole("columnheader", { name: "On the same 5 inputs" })).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const table = panel.getByRole("table", { name: "Shadow comparison of 1.1.0" });
  await expect(table.getByRole("row", { name: /Agreement/ })).toContainText("100.0 %");
  await expect(table.getByRole("row", { name: /Errors/ })).toContainText("0");
  const recorded = await query<{ n: string }>(
    `SELECT count(*) AS n FROM invocations WHERE "versionId" = $1 AND channel = 'shadow' AND "valueMicros" = 0`,
    [candidateId],
  );
  expect(Number(recorded[0].n)).toBe(5);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel.getByRole("button", { name: "Stop shadow" })).toBeVisible();
  await panel.getByRole("button", { name: "Stop shadow" }).click();
  await expect(panel).toContainText("No shadow");
  expect(await query(`SELECT 1 FROM model_shadows WHERE "modelId" = $1`, [modelId])).toEqual([]);
});

test("a publisher of the team starts a canary between two approved versions on the manage page, and ends it", async ({ page }) => {
  const publisher = await createPerson("publisher", "Canary publisher");
  await query(`INSERT INTO team_members ("userId", "teamId", role) VALUES ($1, $2, 'maintainer')`, [publisher.id, teamId]);
  await query(`UPDATE model_versions SET status = 'approved', "approvedAt" = now() WHERE id = $1 AND status = 'pending_review'`, [
    candidateId,
  ]);
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(publisher.email);
  await page.getByLabel("Password", { exact: true }).fill(publisher.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();

  await page.goto(`/publish/${slug}`);
  const panel = page.getByTestId("canary-panel");
  await expect(panel).toContainText("No canary");
  await panel.getByLabel("Stable version").selectOption("1.0.0");
  await panel.getByLabel("Canary version").selectOption("1.1.0");
  await panel.getByLabel("Canary share (%)").fill("20");
  await panel.getByRole("button", { name: "Start canary" }).click();
  await expect(panel).toContainText("20 % of range and latest calls go to 1.1.0, the rest to 1.0.0");
  await expect(panel.getByRole("table", { name: "Canary figures" })).toBeVisible();
  expect(await query(`SELECT weight, "setById" FROM model_canaries WHERE "modelId" = $1`, [modelId])).toEqual([
    { weight: 20, setById: publisher.id },
  ]);

  await panel.getByRole("button", { name: "End canary" }).click();
  await expect(panel).toContainText("No canary");
  expect(await query(`SELECT 1 FROM model_canaries WHERE "modelId" = $1`, [modelId])).toEqual([]);
});
