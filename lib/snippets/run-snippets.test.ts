import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/auth/api-keys";
import { buildSnippets, KEY_SLOT } from "@/lib/snippets/build-snippets";
import { startFakeGateway, type FakeGateway } from "@/lib/snippets/fake-gateway";

// Runs the cURL, Python and Node.js snippets exactly as generated against an HTTP server that speaks the
// invoke contract, with the key in MODELPORT_API_KEY as the snippets expect.

const run = promisify(execFile);
const MODEL = "demo-team/iris-classifier";
const EXAMPLE = { features: [[5.1, 3.5, 1.4, 0.2]], note: 'it\'s a "quoted" $HOME value' };
const VERSIONS = ["1.0.0", "1.2.0", "2.0.0"];
const answer = (body: unknown) => ({ label: "setosa", sum: (body as typeof EXAMPLE).features[0].reduce((a, b) => a + b, 0) });
const RUNNERS: Record<string, { file: string; cmd: string; args: (f: string) => string[] }> = {
  shell: { file: "snippet.sh", cmd: "bash", args: (f) => [f] },
  python: { file: "snippet.py", cmd: "python3", args: (f) => [f] },
  node: { file: "snippet.mjs", cmd: process.execPath, args: (f) => [f] },
};

let gateway: FakeGateway;
let dir: string;
const key = generateApiKey().secret;

beforeAll(async () => {
  gateway = await startFakeGateway({
    model: MODEL,
    key,
    body: EXAMPLE,
    answer,
    resolve: (v) => (semver.valid(v) ? (VERSIONS.includes(v) ? v : null) : semver.maxSatisfying(VERSIONS, v)),
  });
  dir = await mkdtemp(path.join(tmpdir(), "snippets-"));
});
afterAll(async () => {
  await gateway?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function execute(target: string, code: string, env: Record<string, string>): Promise<string> {
  const runner = RUNNERS[target];
  const file = path.join(dir, `${target}-${Math.random().toString(36).slice(2)}-${runner.file}`);
  await writeFile(file, code);
  const { stdout } = await run(runner.cmd, runner.args(file), {
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
    timeout: 20_000,
  });
  return stdout;
}

describe.each([
  { form: "pinned" as const, version: "1.2.0", expected: "1.2.0" },
  { form: "range" as const, version: "^1", expected: "1.2.0" },
])("$form snippets ($version) run against the invoke contract", ({ form, version, expected }) => {
  const snippets = () =>
    buildSnippets({ baseUrl: gateway.baseUrl, model: MODEL, form, version, body: EXAMPLE, targets: Object.keys(RUNNERS) });

  it.each(Object.keys(RUNNERS))("%s answers with the model's output, reading the key from the environment", async (target) => {
    const snippet = snippets().find((s) => s.target === target)!;
    expect(snippet.code).not.toContain(key);
    const before = gateway.calls.length;
    const stdout = await execute(target, snippet.code, { MODELPORT_API_KEY: key });
    expect(gateway.calls.length).toBe(before + 1);
    expect(gateway.calls.at(-1)!.version).toBe(version);
    // Every snippet prints the answer as JSON (Node's console.log of the object would show nested arrays as "[Array]").
    expect(JSON.parse(stdout)).toEqual({ output: answer(EXAMPLE), model: MODEL, version: expected, requestId: "req_fake_1" });
  });

  it.each(Object.keys(RUNNERS))("%s with a wrong key gets the gateway's 401", async (target) => {
    const snippet = snippets().find((s) => s.target === target)!;
    const stdout = await execute(target, snippet.code, { MODELPORT_API_KEY: generateApiKey().secret });
    expect(stdout).toContain("invalid_api_key");
  });

  it.each(Object.keys(RUNNERS))("%s template with a literal key inserted also runs", async (target) => {
    const snippet = snippets().find((s) => s.target === target)!;
    const stdout = await execute(target, snippet.template.replaceAll(KEY_SLOT, key), {});
    expect(stdout).toContain("setosa");
  });
});
