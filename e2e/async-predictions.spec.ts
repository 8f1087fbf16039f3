import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

// Issue 15 §4 in the browser: on the seeded iris model's page, the console runs the example "in the
// background" (Prefer: respond-async), follows the prediction until it has succeeded and shows its output;
// the prediction row is the signed-in person's, on the console channel, and its call is recorded once.

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
