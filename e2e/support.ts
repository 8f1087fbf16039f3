import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
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
