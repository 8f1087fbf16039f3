import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

// The browser's data layer: every call goes through one API client (the public error shape becomes the
// message beside the form) and TanStack Query's cached lists are refreshed when a change makes them stale.

const EMAIL = "consumer@modelport.local";
const MODEL = "ml-platform/iris-classifier";
const uid = () => randomBytes(4).toString("hex");

/** A team of the demo consumer's own, so its app names never meet another spec's. */
async function consumerTeam() {
  const id = uid();
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-${id}`, `E2E BU ${id}`, `CC-${id}`],
  );
  const [team] = await query<{ id: string; name: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, name`,
    [`e2e-${id}`, `E2E team ${id}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") SELECT id, $2 FROM users WHERE email = $1`, [EMAIL, team.id]);
  return { ...team, label: `${team.name} (E2E BU ${id})` };
}

test("a refused call shows the server's message beside the form and changes nothing", async ({ page }) => {
  const team = await consumerTeam();
  const name = `Checkout ${uid()}`;
  await signIn(page, EMAIL);
  await page.goto("/apps");
  const create = page.getByRole("form", { name: "Create an app" });
  for (let i = 0; i < 2; i++) {
    await create.getByLabel("App name").fill(name);
    await create.getByLabel("Team").selectOption({ label: team.label });
    await create.getByRole("button", { name: "Create app" }).click();
    await expect(create.getByRole("button", { name: "Create app" })).toBeEnabled();
  }
  await expect(create.getByRole("alert")).toHaveText(`The team already has an app named "${name}".`);
  expect(await query(`SELECT id FROM apps WHERE name = $1 AND "teamId" = $2`, [name, team.id])).toHaveLength(1);
});

test("a form sent after the session ended says to sign in again, and nothing is created", async ({ page }) => {
  const team = await consumerTeam();
  const name = `Orphan ${uid()}`;
  await signIn(page, EMAIL);
  await page.goto("/apps");
  // Signed out elsewhere (another tab, "sign out everywhere", an expired session) while this page stays open.
  await page.context().clearCookies();
  const create = page.getByRole("form", { name: "Create an app" });
  await create.getByLabel("App name").fill(name);
  await create.getByLabel("Team").selectOption({ label: team.label });
  await create.getByRole("button", { name: "Create app" }).click();
  await expect(create.getByRole("alert")).toHaveText("You are not signed in any more. Sign in again, then retry.");
  expect(await query(`SELECT id FROM apps WHERE name = $1`, [name])).toHaveLength(0);
});

test("an app created on My apps is offered at once by the model page's key dialog", async ({ page }) => {
  const team = await consumerTeam();
  const name = `Fresh ${uid()}`;
  await signIn(page, EMAIL);
  await page.goto(`/models/${MODEL}`);
  // The dialog loads the person's apps once; the list stays cached while they move around the portal.
  await page.getByRole("button", { name: "Create a key for this snippet" }).click();
  let dialog = page.getByRole("dialog", { name: "Create a key for this snippet" });
  await expect(dialog.getByLabel("App", { exact: true })).toBeVisible();
  await expect(dialog.getByRole("option", { name: new RegExp(name) })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // In-app navigation (no page load), so the cache survives: My apps, create an app, back to the model.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My apps" }).click();
  const create = page.getByRole("form", { name: "Create an app" });
  await create.getByLabel("App name").fill(name);
  await create.getByLabel("Team").selectOption({ label: team.label });
  await create.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("article", { name: `App ${name}` })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/models/${MODEL}$`));

  await page.getByRole("button", { name: "Create a key for this snippet" }).click();
  dialog = page.getByRole("dialog", { name: "Create a key for this snippet" });
  await expect(dialog.getByRole("option", { name: `${name} (${team.name})` })).toHaveCount(1);
});
