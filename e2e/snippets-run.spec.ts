import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { query, signIn } from "./support";

// Every snippet language the portal serves, executed exactly as served (GET …/snippets) against the running
// portal with a real key: each one must get the ONNX model's real prediction through the gateway. Toolchains
// come from Debian (.ci/run installs them): bash+curl, python3-requests, node, golang-go, default-jdk-headless,
// mono-devel (C#), ruby, php-cli+php-curl. The browser snippet runs in Chromium on a page served from the
// app's allowed origin (CORS). PowerShell has no Debian package: its test says so unless pwsh is installed.

const run = promisify(execFile);
const EMAIL = "consumer@modelport.local";
const MODEL = "ml-platform/iris-classifier";
const meta = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleOutputLabel: number;
  classes: string[];
};

type Snippet = { target: string; label: string; form: "pinned" | "range"; version: string; code: string };
type Setting = { secret: string; keyId: string; appId: string; snippets: Snippet[]; dir: string };
type Answer = { output: { label: number[]; probabilities: number[][] }; model: string; version: string; requestId: string };

test.describe.configure({ mode: "serial" });

let setting: Setting;

async function has(command: string): Promise<boolean> {
  return run("sh", ["-c", `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

/** A team of the demo consumer, an app and an invoke key, created through the API with the session. */
async function prepare(page: Page, request: APIRequestContext): Promise<Setting> {
  const id = randomBytes(4).toString("hex");
  await query(
    `INSERT INTO users (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'Demo consumer', $2, 'consumer') ON CONFLICT (email) DO NOTHING`,
    [EMAIL, await bcrypt.hash("modelport", 10)],
  );
  const [bu] = await query<{ id: string }>(
    `INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`,
    [`snip-${id}`],
  );
  const [team] = await query<{ id: string }>(
    `INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
    [`snip-${id}`, bu.id],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") SELECT id, $2 FROM users WHERE email = $1`, [EMAIL, team.id]);
  await signIn(page, EMAIL);
  const app = (await (await request.post("/api/v1/apps", { data: { name: `snippets-${id}`, teamId: team.id } })).json()) as { id: string };
  const key = (await (await request.post(`/api/v1/apps/${app.id}/keys`, { data: { name: "snippets", scopes: ["invoke"] } })).json()) as {
    id: string;
    secret: string;
  };
  const res = await request.get(`/api/v1/models/${MODEL}/snippets?version=1.0.0`);
  expect(res.status()).toBe(200);
  const snippets = (await res.json()) as Snippet[];
  const dir = await mkdtemp(path.join(tmpdir(), "modelport-snippets-"));
  return { secret: key.secret, keyId: key.id, appId: app.id, snippets, dir };
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  setting = await prepare(page, context.request);
  await context.close();
});
test.afterAll(async () => {
  if (setting?.dir) await rm(setting.dir, { recursive: true, force: true });
});

/** The real prediction for the example input: the class the training run recorded, probabilities per class. */
function expectPrediction(answer: Answer, snippet: Snippet) {
  expect(answer.model).toBe(MODEL);
  expect(answer.version).toBe("1.0.0");
  expect(answer.output.label).toEqual([meta.exampleOutputLabel]);
  expect(answer.output.probabilities[0]).toHaveLength(meta.classes.length);
  const p = answer.output.probabilities[0];
  expect([snippet.form, p.indexOf(Math.max(...p))]).toEqual([snippet.form, meta.exampleOutputLabel]);
}

/** Writes a snippet to its own folder and runs the commands there with only PATH, HOME and the key set. */
async function execute(snippet: Snippet, file: string, commands: [string, string[]][]): Promise<string> {
  const dir = path.join(setting.dir, `${snippet.target}-${snippet.form}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, file), snippet.code);
  const env = {
    NODE_ENV: "test" as const,
    PATH: process.env.PATH ?? "",
    HOME: setting.dir,
    GOCACHE: path.join(setting.dir, "gocache"),
    GOPATH: path.join(setting.dir, "gopath"),
    MODELPORT_API_KEY: setting.secret,
  };
  let stdout = "";
  for (const [cmd, args] of commands) stdout = (await run(cmd, args, { cwd: dir, env, timeout: 120_000 })).stdout;
  return stdout;
}

const RUNNERS: Record<string, { tool: string; file: string; commands: [string, string[]][] }> = {
  shell: { tool: "curl", file: "snippet.sh", commands: [["bash", ["snippet.sh"]]] },
  python: { tool: "python3", file: "snippet.py", commands: [["python3", ["snippet.py"]]] },
  node: { tool: "node", file: "snippet.mjs", commands: [[process.execPath, ["snippet.mjs"]]] },
  go: { tool: "go", file: "main.go", commands: [["go", ["run", "main.go"]]] },
  java: {
    tool: "javac",
    file: "Main.java",
    commands: [
      ["javac", ["-d", "out", "Main.java"]],
      ["java", ["-cp", "out", "Main"]],
    ],
  },
  csharp: {
    tool: "mcs",
    file: "Program.cs",
    commands: [
      ["mcs", ["-r:System.Net.Http", "-out:Program.exe", "Program.cs"]],
      ["mono", ["Program.exe"]],
    ],
  },
  ruby: { tool: "ruby", file: "snippet.rb", commands: [["ruby", ["snippet.rb"]]] },
  php: { tool: "php", file: "snippet.php", commands: [["php", ["snippet.php"]]] },
};

test("the portal serves a snippet in every language, each reading the key from where the language keeps it", () => {
  expect([...new Set(setting.snippets.map((s) => s.target))].sort()).toEqual(
    [...Object.keys(RUNNERS), "javascript", "powershell", "oip-curl"].sort(),
  );
  for (const s of setting.snippets) expect([s.target, s.code.includes(setting.secret)]).toEqual([s.target, false]);
});

for (const [target, runner] of Object.entries(RUNNERS)) {
  test(`the ${target} snippet runs as served and gets the model's real prediction`, async () => {
    expect(await has(runner.tool), `${runner.tool} is missing: .ci/run installs it from Debian`).toBe(true);
    const before = await callsOf(setting.keyId);
    for (const snippet of setting.snippets.filter((s) => s.target === target)) {
      const stdout = await execute(snippet, runner.file, runner.commands);
      expectPrediction(JSON.parse(stdout) as Answer, snippet);
    }
    // Both forms reached the gateway with this key and were recorded there.
    expect(await callsOf(setting.keyId)).toBe(before + 2);
  });
}

test("the OIP (curl) snippet runs as served and gets the prediction as protocol tensors", async () => {
  expect(await has("curl"), "curl is missing: .ci/run installs it from Debian").toBe(true);
  const snippets = setting.snippets.filter((s) => s.target === "oip-curl");
  // The protocol pins a version in the path; it has no ranges, so only the pinned form is served.
  expect(snippets.map((s) => s.form)).toEqual(["pinned"]);
  const before = await callsOf(setting.keyId);
  const answer = JSON.parse(await execute(snippets[0], "snippet.sh", [["bash", ["snippet.sh"]]])) as {
    model_name: string;
    model_version: string;
    outputs: { name: string; datatype: string; shape: number[]; data: number[] }[];
  };
  expect(answer).toMatchObject({ model_name: "iris-classifier", model_version: "1.0.0" });
  const label = answer.outputs.find((o) => o.name === "label");
  expect(label).toMatchObject({ datatype: "INT64", shape: [1], data: [meta.exampleOutputLabel] });
  expect(await callsOf(setting.keyId)).toBe(before + 1);
});

async function callsOf(keyId: string): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM invocations WHERE "apiKeyId" = $1 AND "statusCode" = 200`, [
    keyId,
  ]);
  return row.n;
}

test("the PowerShell snippet runs where PowerShell is installed; Debian has no package for it", async () => {
  const snippets = setting.snippets.filter((s) => s.target === "powershell");
  expect(snippets.map((s) => s.form).sort()).toEqual(["pinned", "range"]);
  if (!(await has("pwsh"))) {
    const reason =
      "Not run: PowerShell (pwsh) is not packaged by Debian, and this test installs only Debian packages. Install PowerShell from Microsoft's repository to run it.";
    test.info().annotations.push({ type: "not run", description: reason });
    console.log(`[snippets] ${reason}`);
    // What can be checked without it: the key comes from the environment and the URLs are the served ones.
    for (const s of snippets) {
      expect(s.code).toContain('"Bearer $env:MODELPORT_API_KEY"');
      expect(s.code).toContain(`/api/v1/models/${MODEL}/`);
    }
    return;
  }
  for (const snippet of snippets) {
    const stdout = await execute(snippet, "snippet.ps1", [["pwsh", ["-NoProfile", "-NonInteractive", "-File", "snippet.ps1"]]]);
    expectPrediction(JSON.parse(stdout) as Answer, snippet);
  }
});

test.describe("the browser JavaScript snippet", () => {
  let server: Server;
  let port = 0;
  test.beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Shop</title><p>A consumer's web page</p>");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as AddressInfo).port;
  });
  test.afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  /** Runs the served snippet, with the key written where it says, on a page of `origin`; returns what it logged. */
  async function runInPage(page: Page, origin: string, snippet: Snippet): Promise<{ logged: unknown; errors: string[] }> {
    const errors: string[] = [];
    const logged = new Promise<unknown>((resolve) => {
      page.on("console", (msg) => {
        if (msg.type() === "log") void msg.args()[0]?.jsonValue().then(resolve);
        if (msg.type() === "error") {
          errors.push(msg.text());
          resolve(null);
        }
      });
    });
    await page.goto(`${origin}/`);
    expect(snippet.code).toContain('const MODELPORT_API_KEY = "<your API key>";');
    await page.addScriptTag({ content: snippet.code.replace("<your API key>", setting.secret) });
    return { logged: await logged, errors };
  }

  test("gets the prediction from a page on the app's allowed origin, and nothing from any other origin", async ({ page }) => {
    const allowed = `http://127.0.0.1:${port}`;
    const other = `http://localhost:${port}`;
    await signIn(page, EMAIL);
    const res = await page.request.patch(`/api/v1/apps/${setting.appId}`, { data: { allowedOrigins: [allowed] } });
    expect(res.status()).toBe(200);
    const [row] = await query<{ allowedOrigins: string[] }>(`SELECT "allowedOrigins" FROM apps WHERE id = $1`, [setting.appId]);
    expect(row.allowedOrigins).toEqual([allowed]);
    const snippets = setting.snippets.filter((s) => s.target === "javascript");
    expect(snippets).toHaveLength(2);
    for (const snippet of snippets) {
      expect(snippet.code).toMatch(/allowed browser origins/i);
      expect(snippet.code).toMatch(/everyone who can open the page can read the key/i);
      const { logged, errors } = await runInPage(page, allowed, snippet);
      expect(errors).toEqual([]);
      expectPrediction(logged as Answer, snippet);
    }

    const before = await callsOf(setting.keyId);
    const fresh = await page.context().newPage();
    const { logged, errors } = await runInPage(fresh, other, snippets[0]);
    expect(logged).toBeNull();
    expect(errors.join("\n")).toMatch(/CORS|Failed to fetch/);
    // The preflight was refused, so the call itself never reached the gateway.
    expect(await callsOf(setting.keyId)).toBe(before);
  });
});
