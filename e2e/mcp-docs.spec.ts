import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test } from "@playwright/test";
import { copyWith, query, signIn, trackCopies } from "./support";

// An agent's user connects a client: finds /docs/mcp from the API reference, creates an app and a key with
// the invoke and read scopes, inserts the key into the VS Code configuration, copies it, and the copied
// configuration — URL and header as pasted — lets the official MCP client search and call iris. The call is
// recorded under the new app with channel mcp.

const EMAIL = "consumer@modelport.local";
const uid = () => randomBytes(4).toString("hex");

async function consumerTeam() {
  const id = uid();
  await query(
    `INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'Demo consumer', $2, 'consumer') ON CONFLICT (email) DO NOTHING`,
    [EMAIL, await bcrypt.hash("modelport", 10)],
  );
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
    [`bu-${id}`, `MCP BU ${id}`, `CC-${id}`],
  );
  const [team] = await query<{ id: string; name: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id, name`,
    [`mcp-${id}`, `MCP team ${id}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") SELECT id, $2 FROM users WHERE email = $1`, [EMAIL, team.id]);
  return { ...team, bu: `MCP BU ${id}` };
}

for (const width of [1280, 390]) {
  test(`a consumer configures an MCP client from /docs/mcp with a new key, and the copied config works (${width} px)`, async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await trackCopies(page.context());
    const team = await consumerTeam();
    const appName = `Agent ${uid()}`;
    await signIn(page, EMAIL);

    await page.goto("/docs/api");
    await page.getByRole("link", { name: "MCP server for agents" }).click();
    await expect(page.getByRole("heading", { name: "MCP server for agents", level: 1 })).toBeVisible();
    const code = page.getByTestId("mcp-config-code");
    await expect(code).toContainText("YOUR_MODELPORT_API_KEY");

    // A key, made the way the page says: My apps, an app, a key with the invoke and read scopes.
    await page.getByRole("link", { name: "My apps" }).last().click();
    const create = page.getByRole("form", { name: "Create an app" });
    await create.getByLabel("App name").fill(appName);
    await create.getByLabel("Team").selectOption({ label: `${team.name} (${team.bu})` });
    await create.getByRole("button", { name: "Create app" }).click();
    const app = page.getByRole("article", { name: `App ${appName}` });
    await app.getByText("Create a key").click();
    await app.getByLabel("Key name").fill("agent");
    await app.getByRole("checkbox", { name: /^read/ }).check();
    await app.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog");
    const secret = (await dialog.getByTestId("new-key-secret").textContent())!.trim();
    await dialog.getByRole("button", { name: "I have stored it" }).click();

    await page.goto("/docs/mcp");
    await page.getByLabel("Created in this tab").selectOption({ label: `${appName} / agent (${secret.slice(0, 11)}…)` });
    await expect(code).toContainText(`${secret.slice(0, 11)}_••••`);
    await expect(code).not.toContainText(secret);
    const panel = page.getByRole("tabpanel", { name: "VS Code" });
    const box = (await panel.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    const copied = JSON.parse(await copyWith(page, page.getByRole("button", { name: "Copy VS Code configuration" }))) as {
      servers: { modelport: { type: string; url: string; headers: { Authorization: string } } };
    };
    const server = copied.servers.modelport;
    expect(server).toMatchObject({ type: "http", url: `${baseURL}/mcp`, headers: { Authorization: `Bearer ${secret}` } });

    await page.getByRole("tab", { name: "Inspector CLI" }).click();
    await expect(code).toContainText("npx @modelcontextprotocol/inspector --cli");

    // The copied configuration, used by the official client as VS Code would.
    const client = new Client({ name: "e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } }));
    try {
      const found = JSON.parse(
        ((await client.callTool({ name: "search_models", arguments: { q: "iris classifier" } })).content as { text: string }[])[0].text,
      ) as { items: { owner: string; name: string }[] };
      const iris = found.items.find((m) => m.name === "iris-classifier")!;
      expect(iris).toBeTruthy();
      const result = await client.callTool({
        name: "invoke_model",
        arguments: { owner: iris.owner, name: iris.name, input: { features: [[5.1, 3.5, 1.4, 0.2]] } },
      });
      expect(result.isError).toBeFalsy();
      const { requestId } = JSON.parse((result.content as { text: string }[])[0].text) as { requestId: string };
      const [row] = await query<{ channel: string; statusCode: number; app: string }>(
        `SELECT i.channel, i."statusCode", a.name AS app FROM invocations i JOIN apps a ON a.id = i."appId" WHERE i."requestId" = $1`,
        [requestId],
      );
      expect(row).toEqual({ channel: "mcp", statusCode: 200, app: appName });
    } finally {
      await client.close();
    }
  });
}

test("a model page offers the MCP client configuration for this portal", async ({ page, baseURL }) => {
  const [iris] = await query<{ slug: string }>(`SELECT slug FROM models WHERE name = 'iris-classifier' LIMIT 1`);
  await page.goto(`/models/${iris.slug}`);
  const panel = page.getByTestId("model-mcp");
  await panel.getByText("From an AI agent or coding assistant (MCP)").click();
  await expect(panel.getByTestId("mcp-config-code")).toContainText(`${new URL(baseURL!).origin}/mcp`);
});
