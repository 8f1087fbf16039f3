import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { copyWith, query, signIn, trackCopies } from "./support";

// "Create a key for this snippet" on the model page: the consumer names a new app in the dialog, gets the key
// once, and every snippet on the page (every language, both version forms) uses it; the copied cURL snippet
// then gets the model's real prediction. A second key goes to the app that now exists.

const run = promisify(execFile);
const EMAIL = "consumer@modelport.local";
const MODEL = "ml-platform/iris-classifier";
const uid = () => randomBytes(4).toString("hex");

/** A fresh team (and business unit) for the demo consumer, so the spec works on any seed state. */
async function consumerTeam() {
  const id = uid();
  await query(
    `INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'Demo consumer', $2, 'consumer') ON CONFLICT (email) DO NOTHING`,
    [EMAIL, await bcrypt.hash("modelport", 10)],
  );
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-${id}`, `Key BU ${id}`, `CC-${id}`],
  );
  const [team] = await query<{ id: string; name: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, name`,
    [`keys-${id}`, `Key team ${id}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") SELECT id, $2 FROM users WHERE email = $1`, [EMAIL, team.id]);
  return team;
}

for (const width of [1280, 390]) {
  test(`a consumer creates a key from the model page and every snippet uses it (${width} px)`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width, height: 900 });
    await trackCopies(page.context());
    const team = await consumerTeam();
    const appName = `Snippet app ${uid()}`;
    await signIn(page, EMAIL);
    await page.goto(`/models/${MODEL}`);

    await page.getByRole("button", { name: "Create a key for this snippet" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a key for this snippet" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("App", { exact: true }).selectOption({ label: "New app…" });
    await dialog.getByLabel("New app name").fill(appName);
    await dialog.getByLabel("Team").selectOption({ label: `${team.name} (Key BU ${team.name.slice(9)})` });
    await expect(dialog.getByLabel("Key name")).toHaveValue("iris-classifier snippet");
    await expect(dialog.getByLabel(`Only for ${MODEL}`, { exact: false })).toBeChecked();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await dialog.getByRole("button", { name: "Create key" }).click();

    const created = page.getByRole("dialog", { name: /API key “iris-classifier snippet” created/ });
    await expect(created).toContainText("you won't see it again");
    const secret = (await created.getByTestId("new-key-secret").textContent())!.trim();
    expect(secret).toMatch(/^mp_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}$/);

    // The database: a new app of the consumer's team, an invoke key limited to this model, made by the consumer.
    const [key] = await query<{ scopes: string[]; allowlist: string[]; creator: string; app: string; teamId: string; modelId: string }>(
      `SELECT k.scopes, k."modelAllowlist"::text[] AS allowlist, u.email AS creator, a.name AS app, a."teamId", m.id AS "modelId"
       FROM api_keys k JOIN apps a ON a.id = k."appId" JOIN users u ON u.id = k."createdById" JOIN models m ON m.slug = $2 WHERE k.prefix = $1`,
      [secret.slice(0, 11), MODEL],
    );
    expect(key).toMatchObject({ scopes: ["invoke"], creator: EMAIL, app: appName, teamId: team.id });
    expect(key.allowlist).toEqual([key.modelId]);

    await created.getByRole("button", { name: "Back to the snippets" }).click();
    await expect(created).toBeHidden();
    const code = page.getByTestId("snippet-code");
    // Masked until revealed (screens get shared); then every language and both forms carry the key.
    await expect(code).toContainText(`${secret.slice(0, 11)}_••••`);
    await expect(code).not.toContainText(secret);
    await page.getByRole("button", { name: "Reveal key" }).click();
    const tabs = page.getByRole("tablist", { name: "Language" }).getByRole("tab");
    const count = await tabs.count();
    expect(count).toBe(11); // ten languages and the Open Inference Protocol's curl
    for (const form of [/Pinned to 1\.0\.0/, /Compatible updates/]) {
      await page.getByRole("radio", { name: form }).check();
      for (let i = 0; i < count; i++) {
        await tabs.nth(i).click();
        await expect(code).toContainText(secret);
        await expect(code).not.toContainText("MODELPORT_API_KEY");
      }
    }

    // The copied cURL snippet runs as is and gets the model's real prediction.
    await page.getByRole("radio", { name: /Pinned to 1\.0\.0/ }).check();
    await page.getByRole("tab", { name: "cURL", exact: true }).click();
    const copied = await copyWith(page, page.getByRole("button", { name: "Copy cURL" }));
    expect(copied).toContain(`${baseURL}/api/v1/models/${MODEL}/versions/1.0.0/invoke`);
    const { stdout } = await run("bash", ["-c", copied], { env: { NODE_ENV: "test", PATH: process.env.PATH ?? "" } });
    const answer = JSON.parse(stdout) as { output: { label: number[]; probabilities: number[][] }; model: string; version: string };
    expect(answer).toMatchObject({ model: MODEL, version: "1.0.0" });
    expect(answer.output.probabilities[0]).toHaveLength(3);

    // A second key goes to the app that exists now (no second app), and replaces the first in the snippets.
    await page.getByRole("button", { name: "Create a key for this snippet" }).click();
    const again = page.getByRole("dialog", { name: "Create a key for this snippet" });
    await again.getByLabel("App", { exact: true }).selectOption({ label: `${appName} (${team.name})` });
    await again.getByLabel("Key name").fill("second snippet key");
    await again.getByRole("button", { name: "Create key" }).click();
    const second = (await page
      .getByRole("dialog", { name: /created/ })
      .getByTestId("new-key-secret")
      .textContent())!.trim();
    await page.getByRole("button", { name: "Back to the snippets" }).click();
    await page.getByRole("button", { name: "Reveal key" }).click();
    await expect(code).toContainText(second);
    const apps = await query<{ keys: number }>(
      `SELECT count(k.id)::int AS keys FROM apps a JOIN api_keys k ON k."appId" = a.id WHERE a.name = $1 AND a."teamId" = $2`,
      [appName, team.id],
    );
    expect(apps).toEqual([{ keys: 2 }]);
  });
}
