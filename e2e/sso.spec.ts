import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { expect, test } from "@playwright/test";
import Provider from "oidc-provider";
import { query } from "./support";

// Real SSO: the portal was started with OIDC_ISSUER pointing at this port (e2e/global-setup.ts); the test
// starts a real OpenID Connect provider there (oidc-provider, with its development login screens).
let server: Server;
const users = new Map<string, { email: string; name: string }>();

test.beforeAll(async () => {
  const port = Number(process.env.E2E_OIDC_PORT);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.E2E_OIDC_CLIENT_ID!,
        client_secret: process.env.E2E_OIDC_CLIENT_SECRET!,
        redirect_uris: [`${process.env.E2E_BASE_URL}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    async findAccount(_ctx, sub) {
      const user = users.get(sub) ?? { email: `${sub}@sso.example.com`, name: sub };
      return { accountId: sub, claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name }) };
    },
    cookies: { keys: [randomBytes(16).toString("hex")] },
  });
  await new Promise<void>((resolve) => {
    server = provider.listen(port, "127.0.0.1", () => resolve());
  });
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

test("a new user signs in through the company's OIDC provider and gets the default role", async ({ page }) => {
  // The provider's development login page links a web font; this machine has no internet, so keep the
  // browser on local addresses.
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  const sub = `sso-${Date.now()}`;
  const email = `${sub}@sso.example.com`;
  users.set(sub, { email, name: "Sam SSO" });

  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByTestId("current-user")).toHaveText("Sam SSO");
  await expect(page.getByTestId("current-role")).toHaveText("Application developer");
  const rows = await query<{ role: string; authProvider: string; externalId: string }>(
    `SELECT role, "authProvider", "externalId" FROM users WHERE email = $1`,
    [email],
  );
  expect(rows).toEqual([{ role: "consumer", authProvider: "oidc", externalId: sub }]);
});

test("an existing user signing in through OIDC keeps the role an admin gave them", async ({ page }) => {
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  const sub = `reviewer-sso-${Date.now()}`;
  users.set(sub, { email: "reviewer@modelport.local", name: "Reviewer via SSO" });
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("current-role")).toHaveText("Reviewer");
});
