import { expect, test } from "@playwright/test";
import { query } from "./support";

// Other specs add models while this one runs: the page's count must lie between the counts before and after.
const discoverable = async () =>
  Number(
    (
      await query<{ count: string }>(
        `SELECT count(*) FROM models m WHERE EXISTS (SELECT 1 FROM model_versions v WHERE v."modelId" = m.id AND v.status IN ('pending_review','approved','deprecated'))`,
      )
    )[0].count,
  );

test("the home page and the catalog show the discoverable models", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Find, try and call/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Most used" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recently published" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search models" })).toBeVisible();

  const before = await discoverable();
  await page.goto("/models");
  const text = await page.getByTestId("result-count").textContent();
  const after = await discoverable();
  const shown = Number(/^([\d,]+) models?/.exec(text ?? "")?.[1].replaceAll(",", ""));
  expect(shown).toBeGreaterThanOrEqual(before);
  expect(shown).toBeLessThanOrEqual(after);
  await expect(page.getByTestId("model-list").getByRole("listitem")).toHaveCount(Math.min(shown, 20));
});

test("the health endpoint reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "ok" });
});
