import { expect, test } from "@playwright/test";
import { query } from "./support";

test("the home page and the catalog show the seeded models", async ({ page }) => {
  const [{ count }] = await query<{ count: string }>(
    `SELECT count(*) FROM models m WHERE EXISTS (SELECT 1 FROM model_versions v WHERE v."modelId" = m.id AND v.status IN ('approved','deprecated'))`,
  );
  expect(Number(count)).toBeGreaterThanOrEqual(40);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Find, try and call/ })).toBeVisible();
  await expect(page.getByTestId("model-list").getByRole("listitem")).toHaveCount(6);

  await page.goto("/models");
  await expect(page.getByText(`${count} models`)).toBeVisible();
  await expect(page.getByTestId("model-list").getByRole("listitem")).toHaveCount(Number(count));
  await expect(page.getByRole("link", { name: /Iris/i }).first()).toBeVisible();
});

test("the health endpoint reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "ok" });
});
