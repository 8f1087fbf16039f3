import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

const NAV: Record<string, { persona: string; sees: string[]; notSees: string[] }> = {
  "consumer@modelport.local": {
    persona: "Application developer",
    sees: ["Catalog", "My apps"],
    notSees: ["Publish", "Review queue", "ROI", "Admin"],
  },
  "publisher@modelport.local": {
    persona: "Data scientist",
    sees: ["Catalog", "My apps", "Publish", "Usage"],
    notSees: ["Review queue", "ROI", "Admin"],
  },
  "reviewer@modelport.local": {
    persona: "Reviewer",
    sees: ["Catalog", "Review queue", "Governance", "Usage"],
    notSees: ["Publish", "ROI", "Admin"],
  },
  "executive@modelport.local": {
    persona: "Executive",
    sees: ["Catalog", "Usage", "ROI"],
    notSees: ["My apps", "Publish", "Review queue", "Admin"],
  },
  "admin@modelport.local": {
    persona: "Administrator",
    sees: ["Catalog", "My apps", "Publish", "Review queue", "Governance", "Usage", "ROI", "Admin"],
    notSees: [],
  },
};

for (const [email, expected] of Object.entries(NAV)) {
  test(`${expected.persona} signs in and sees their navigation`, async ({ page }) => {
    await signIn(page, email);
    await expect(page.getByTestId("current-role")).toHaveText(expected.persona);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of expected.sees) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of expected.notSees) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    const [user] = await query<{ lastLoginAt: Date | null }>(`SELECT "lastLoginAt" FROM users WHERE email = $1`, [email]);
    expect(user.lastLoginAt).not.toBeNull();
  });
}

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill("consumer@modelport.local");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("an anonymous visitor is sent to sign-in for protected pages and brought back", async ({ page }) => {
  for (const path of ["/apps", "/publish", "/review", "/governance", "/dashboards/usage", "/dashboards/roi", "/admin"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(path).replace(/\//g, "%2F")}`));
  }
  await page.getByLabel("Email", { exact: true }).fill("admin@modelport.local");
  await page.getByLabel("Password", { exact: true }).fill("modelport");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Users and roles" })).toBeVisible();
});

test("a signed-in user without the role gets the 403 page, not the content", async ({ page }) => {
  await signIn(page, "consumer@modelport.local");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users and roles" })).toHaveCount(0);
});
