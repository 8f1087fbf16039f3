import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

// The portal on a phone (390 px wide) and with a keyboard only: no sideways scrolling on the catalog, a model
// page, My apps and the docs; a skip link; the main menu and the catalog filters behind buttons; a branded 404.

const MODEL = "ml-platform/iris-classifier";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is ${scrollWidth} px wide in a ${clientWidth} px window`).toBeLessThanOrEqual(clientWidth);
}

test("the catalog, a model page and My apps fit a 390 px screen", async ({ page }) => {
  await signIn(page, "consumer@modelport.local");
  for (const path of ["/models", `/models/${MODEL}`, "/apps", "/"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
  // Also with the snippets, the console and the filters open.
  await page.goto(`/models/${MODEL}`);
  await page.getByRole("button", { name: "Open console" }).click();
  // The generated form comes first; Monaco (the JSON editor) loads with its tab.
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto("/models");
  await page.getByRole("button", { name: "Filters" }).click();
  await expect(page.getByRole("navigation", { name: "Filters" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("the docs pages (API reference, MCP, Open Inference Protocol) fit a 390 px screen", async ({ page }) => {
  await signIn(page, "consumer@modelport.local");
  for (const path of ["/docs/api", "/docs/mcp", "/docs/oip"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
});

test("a keyboard user skips the header, opens the menu and closes it with Escape", async ({ page }) => {
  await page.goto("/models");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();

  await page.goto("/models");
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab"); // home link
  await page.keyboard.press("Tab");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Catalog" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Catalog" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // Following a menu link closes the menu on the new page.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/models$/);
  await expect(nav).toBeHidden();
});

test("the catalog filters open below the search and apply from the keyboard", async ({ page }) => {
  await page.goto("/models");
  const search = page.getByRole("searchbox", { name: "Search models" });
  const filters = page.getByRole("button", { name: "Filters" });
  const searchBox = (await search.boundingBox())!;
  const filtersBox = (await filters.boundingBox())!;
  expect(filtersBox.y).toBeGreaterThan(searchBox.y + searchBox.height);
  const panel = page.getByRole("navigation", { name: "Filters" });
  await expect(panel).toBeHidden();
  await filters.focus();
  await page.keyboard.press("Enter");
  await expect(panel).toBeVisible();
  const first = panel.getByTestId("facet-task").getByRole("link").first();
  const task = ((await first.locator("span").first().textContent()) ?? "").trim();
  await page.keyboard.press("Tab");
  await expect(first).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`task=${encodeURIComponent(task).replace(/%20/g, "(\\+|%20)")}`));
  await expect(panel).toBeHidden();
  await expect(page.getByRole("button", { name: "Filters (1 active)" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText(`task: ${task}`);
});

test("an unknown page answers a branded 404 with a search box that works", async ({ page }) => {
  const res = await page.goto("/this/page/does-not-exist");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const search = page.getByRole("main").getByRole("searchbox", { name: "Search models" });
  await search.fill("iris");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/models\?q=iris$/);
  await expect(page.getByTestId("model-list")).toContainText("Iris");

  // A model that does not exist gets the same page.
  expect((await page.goto("/models/nobody/nothing"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});

test("the favicon is served from the portal itself", async ({ page, request }) => {
  await page.goto("/models");
  const icons = await page.locator('head link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const href of [...icons, new URL("/favicon.ico", page.url()).href]) {
    expect(new URL(href).origin).toBe(new URL(page.url()).origin);
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^image\//);
  }
});
