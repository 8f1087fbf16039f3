import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { query, signIn, trackCopies } from "./support";

// Issue 4's consumer journey against the real gateway and a real ONNX model from the demo data: open the
// model, run the console with the example, copy the cURL snippet, create an app and a key, run the snippet
// exactly as served with that key, and find both calls recorded with their channels.

const run = promisify(execFile);
const MODEL = "ml-platform/iris-classifier";

test("a consumer tries a model in the console, then calls it with the copied snippet and their own key", async ({ page, baseURL }) => {
  await trackCopies(page.context());
  await signIn(page, "consumer@modelport.local");
  const [model] = await query<{ id: string }>(`SELECT id FROM models WHERE slug = $1`, [MODEL]);
  const since = new Date();

  await page.goto(`/models/${MODEL}`);
  await page.getByRole("button", { name: "Open console" }).click();
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("console-status")).toHaveText("200");
  const consoleOutput = JSON.parse((await page.getByTestId("console-output").textContent())!) as { label: number[] };
  expect(consoleOutput.label).toHaveLength(1);

  await page.getByRole("tab", { name: "cURL", exact: true }).click();
  const snippet = (await page.getByTestId("snippet-code").textContent())!;
  expect(snippet).toContain(`${baseURL}/api/v1/models/${MODEL}/versions/1.0.0/invoke`);

  await page.goto("/apps");
  const appName = `journey-${Date.now()}`;
  const create = page.getByRole("form", { name: "Create an app" });
  await create.getByLabel("App name").fill(appName);
  await create.getByRole("button", { name: "Create app" }).click();
  const app = page.getByRole("article", { name: `App ${appName}` });
  await app.getByText("Create a key").click();
  await app.getByLabel("Key name").fill("journey");
  await app.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByRole("dialog").getByTestId("new-key-secret").textContent())!.trim();

  const { stdout } = await run("bash", ["-c", snippet], { env: { ...process.env, MODELPORT_API_KEY: secret } });
  const answer = JSON.parse(stdout) as { output: { label: number[] }; model: string; version: string; requestId: string };
  expect(answer).toMatchObject({ model: MODEL, version: "1.0.0" });
  expect(answer.output.label).toEqual(consoleOutput.label);

  const calls = await query<{ channel: string; statusCode: number; appName: string | null }>(
    `SELECT i.channel, i."statusCode", a.name AS "appName" FROM invocations i LEFT JOIN apps a ON a.id = i."appId"
     WHERE i."modelId" = $1 AND i.at >= $2 ORDER BY i.at`,
    [model.id, since],
  );
  expect(calls).toContainEqual({ channel: "console", statusCode: 200, appName: null });
  expect(calls).toContainEqual({ channel: "api", statusCode: 200, appName });
  // The roll-up is folded in asynchronously (lib/usage/recorder/rollup-worker.ts), within about a second.
  await expect
    .poll(
      async () => {
        const [usage] = await query<{ calls: string }>(
          `SELECT COALESCE(sum(calls), 0) AS calls FROM usage_hourly u JOIN apps a ON a.id = u."appId" WHERE a.name = $1`,
          [appName],
        );
        return Number(usage.calls);
      },
      { timeout: 10_000 },
    )
    .toBe(1);
});
