import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { generateApiKey } from "../lib/auth/api-keys";
import { query, signIn } from "./support";

// Issue 15 §4 in the browser: on the seeded iris model's page, the console runs the example "in the
// background" (Prefer: respond-async), follows the prediction until it has succeeded and shows its output;
// the prediction row is the signed-in person's, on the console channel, and its call is recorded once. And an
// API client over real HTTP, through the gateway door (which forwards async calls to Next).

const MODEL = "ml-platform/iris-classifier";

for (const width of [1280, 390]) {
  test(`the console runs a prediction in the background and shows its progress and output (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, "consumer@modelport.local");
    const [me] = await query<{ id: string }>(`SELECT id FROM users WHERE email = 'consumer@modelport.local'`);

    await page.goto(`/models/${MODEL}`);
    await page.getByRole("button", { name: "Open console" }).click();
    await page.getByLabel("Run in background").check();
    const accepted = page.waitForResponse((r) => r.url().includes("/invoke") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const answer = await accepted;
    expect(answer.status()).toBe(202);
    const { id } = (await answer.json()) as { id: string };

    const run = page.getByTestId("background-run");
    await expect(run.getByTestId("prediction-status")).toHaveText("succeeded");
    await expect(run.getByRole("list", { name: "Progress" })).toContainText("succeeded");
    await expect(run.getByRole("button", { name: "Cancel" })).toHaveCount(0); // finished: nothing left to cancel
    const output = JSON.parse((await run.getByTestId("prediction-output").textContent())!) as { label: number[] };
    expect(output.label).toHaveLength(1);
    const box = await run.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width); // fits the screen

    const [row] = await query<{ status: string; channel: string; userId: string; output: { label: number[] }; requestId: string }>(
      `SELECT status::text, channel::text, "userId"::text AS "userId", output, "requestId" FROM predictions WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: "succeeded", channel: "console", userId: me.id });
    expect(row.output.label).toEqual(output.label);
    const calls = await query<{ channel: string; statusCode: number }>(
      `SELECT channel::text, "statusCode" FROM invocations WHERE "requestId" = $1`,
      [row.requestId],
    );
    expect(calls).toEqual([{ channel: "console", statusCode: 200 }]);
  });
}

test("an API client through the gateway door gets 202 and polls its prediction until it has succeeded", async ({ request }) => {
  const example = (JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown })
    .exampleInput;
  // A key of the demo consumer's team (test setup: keys are made on My apps, covered by other specs).
  const [me] = await query<{ id: string; teamId: string }>(
    `SELECT u.id, tm."teamId" FROM users u JOIN team_members tm ON tm."userId" = u.id WHERE u.email = 'consumer@modelport.local' LIMIT 1`,
  );
  const [app] = await query<{ id: string }>(
    `INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`async-${randomBytes(4).toString("hex")}`, me.teamId, me.id],
  );
  const key = generateApiKey();
  await query(
    `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "createdById") VALUES (gen_random_uuid(), $1, 'async', $2, $3, '{invoke}', $4)`,
    [app.id, key.prefix, key.hash, me.id],
  );
  const auth = { authorization: `Bearer ${key.secret}` };

  const res = await request.post(`/api/v1/models/${MODEL}/invoke`, { headers: { ...auth, prefer: "respond-async" }, data: example });
  expect(res.status()).toBe(202);
  const location = res.headers()["location"];
  const { id } = (await res.json()) as { id: string };
  expect(location).toBe(`/api/v1/predictions/${id}`);
  await expect
    .poll(async () => ((await (await request.get(location, { headers: auth })).json()) as { status: string }).status)
    .toBe("succeeded");
  const [row] = await query<{ channel: string; appId: string }>(
    `SELECT channel::text, "appId"::text AS "appId" FROM predictions WHERE id = $1`,
    [id],
  );
  expect(row).toEqual({ channel: "api", appId: app.id });
});
