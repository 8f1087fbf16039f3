import { randomBytes } from "node:crypto";
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";

export const DEMO_PASSWORD = "modelport";

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

type CopyLog = { __copies: string[] };

/**
 * Lets a context's pages use the clipboard and keeps a log of what they copy. Chromium's clipboard is one for
 * the whole machine, which the parallel workers share: a test reads its own copies from this log (the copy
 * still goes to the clipboard through navigator.clipboard.writeText, as in any browser).
 */
export async function trackCopies(context: BrowserContext) {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await context.addInitScript(() => {
    const log = window as unknown as CopyLog;
    log.__copies = [];
    const clipboard = navigator.clipboard;
    if (!clipboard) return;
    const write = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => {
      log.__copies.push(text);
      return write(text);
    };
  });
}

/** Clicks a copy button and answers what this page copied with it. Needs trackCopies on the page's context. */
export async function copyWith(page: Page, button: Locator, click: (button: Locator) => Promise<unknown> = (b) => b.click()) {
  const count = () => page.evaluate(() => (window as unknown as CopyLog).__copies.length);
  const before = await count();
  await click(button);
  await expect.poll(count).toBeGreaterThan(before);
  return page.evaluate(() => (window as unknown as CopyLog).__copies.at(-1) ?? "");
}

/** Runs one query against the portal's database (specs check the database, not only the page). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export type TestPerson = { id: string; email: string; name: string; password: string };

/**
 * Test setup only: a fresh person with a password and a role. The product creates people through company
 * SSO (first sign-in) or the demo seed and has no form for password accounts, so specs that need people of
 * their own create them here; everything those people then do goes through the UI. Teams, business units and
 * memberships have an admin UI (/admin/organisation): create them there.
 */
export async function createPerson(
  role: "consumer" | "publisher" | "reviewer" | "executive" | "admin",
  label: string,
): Promise<TestPerson> {
  const suffix = randomBytes(4).toString("hex");
  const email = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}@people.test`;
  const name = `${label} ${suffix}`;
  const password = `pw-${randomBytes(6).toString("hex")}`;
  const [row] = await query<{ id: string }>(
    `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
    [email, name, role, await hashPassword(password)],
  );
  return { id: row.id, email, name, password };
}
