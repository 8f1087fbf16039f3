import { expect, test } from "@playwright/test";
import { query } from "./support";

// Details of the catalog pages that were wrong when tried as a user (issue 12 §5).

test("a page number past the end says so and links back to the last page", async ({ page }) => {
  await page.goto("/models?page=99");
  const total = Number(/^([\d,]+) models?/.exec((await page.getByTestId("result-count").textContent()) ?? "")?.[1].replaceAll(",", ""));
  const last = Math.ceil(total / 20);
  const notice = page.getByTestId("past-last-page");
  await expect(notice).toHaveText(new RegExp(`^Page 99 is past the last page \\(${last}\\)\\.`));
  await expect(page.getByText("No models match")).toHaveCount(0);
  await notice.getByRole("link", { name: `Go to page ${last}` }).click();
  await expect(page.getByRole("navigation", { name: "Pages" }).locator('[aria-current="page"]')).toHaveText(String(last));
  await expect(page.getByTestId("model-list").getByRole("listitem")).toHaveCount(total - (last - 1) * 20);
});

test("recently published models show their calls of the last 30 days", async ({ page }) => {
  await page.goto("/");
  const recent = page.getByRole("list", { name: "Recently published models" }).getByRole("listitem");
  await expect(recent.first()).toBeVisible();
  const shown = await recent.evaluateAll((cards) =>
    cards.map((c) => ({
      slug: c.querySelector("p.font-mono")?.textContent ?? "",
      calls: Number(
        /([\d,]+) calls \/ 30 d/.exec(c.querySelector('[data-testid="card-calls"]')?.textContent ?? "")?.[1].replaceAll(",", ""),
      ),
    })),
  );
  // The same figures as "Most used" (the 30-day view the catalog keeps), not zeros.
  const rows = await query<{ slug: string; calls: string }>(
    `SELECT t.slug || '/' || m.name AS slug, COALESCE(u.calls, 0) AS calls FROM models m JOIN teams t ON t.id = m."teamId"
       LEFT JOIN model_usage_30d u ON u."modelId" = m.id WHERE t.slug || '/' || m.name = ANY($1)`,
    [shown.map((s) => s.slug)],
  );
  const expected = new Map(rows.map((r) => [r.slug, Number(r.calls)]));
  expect(shown.map((s) => [s.slug, s.calls])).toEqual(shown.map((s) => [s.slug, expected.get(s.slug)]));
  expect(shown.some((s) => s.calls > 0) || rows.every((r) => Number(r.calls) === 0)).toBe(true);
});

test("the About card of a model keeps long values inside it", async ({ page }) => {
  // The longest contact and business owner the demo has, on a model page at desktop and phone widths.
  const [model] = await query<{ slug: string }>(
    `SELECT t.slug || '/' || m.name AS slug FROM models m JOIN teams t ON t.id = m."teamId" LEFT JOIN users u ON u.id = m."businessOwnerId"
      WHERE m.visibility = 'public' AND EXISTS (SELECT 1 FROM model_versions v WHERE v."modelId" = m.id AND v.status = 'approved')
      ORDER BY length(coalesce(u.name, '') || coalesce(u.email, '')) + length(coalesce(t."contactEmail", '')) DESC LIMIT 1`,
  );
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/models/${model.slug}`);
    const card = page.locator("section", { has: page.getByRole("heading", { name: "About" }) });
    await expect(card).toBeVisible();
    const overflow = await card.evaluate((section) => {
      const edge = section.getBoundingClientRect().right;
      return [...section.querySelectorAll("dd, dd *")]
        .filter((e) => e.getBoundingClientRect().right > edge + 0.5)
        .map((e) => e.textContent);
    });
    expect(overflow, `at ${width} px`).toEqual([]);
  }
});
