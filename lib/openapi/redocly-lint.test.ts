// The generated OpenAPI document passes Redocly's recommended rules with no error and no warning, linted by
// the real Redocly CLI with the repository's redocly.yaml, with every network connection refused (the CLI
// must not phone home: its telemetry is off in redocly.yaml).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { apiDocument } from "@/app/api/openapi-document";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "modelport-redocly-"));
const CLI = path.join(process.cwd(), "node_modules", "@redocly", "cli", "bin", "cli.js");
const DENY_NETWORK = path.join(process.cwd(), "lib", "openapi", "testing", "deny-network.mjs");

type Problem = { ruleId: string; severity: string; message: string; location: { pointer: string }[] };

/** Lints a document with the repository's configuration; returns every problem and what the CLI wrote on stderr. */
async function lint(doc: unknown, config = path.join(process.cwd(), "redocly.yaml")) {
  const file = path.join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  // Without REDOCLY_TELEMETRY in the environment: the configuration alone must keep the CLI offline.
  const env = {
    ...process.env,
    REDOCLY_TELEMETRY: undefined,
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    NODE_OPTIONS: `--import ${pathToFileURL(DENY_NETWORK).href}`,
  };
  const result = await run(process.execPath, [CLI, "lint", file, "--config", config, "--format", "json"], {
    env,
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout: string; stderr: string }) => error);
  const report = JSON.parse(result.stdout) as { totals: { errors: number; warnings: number }; problems: Problem[] };
  return { ...report, stderr: result.stderr };
}

const describeProblem = (p: Problem) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Redocly lint of /api/openapi.json", () => {
  it("gives no error and no warning, without touching the network", async () => {
    const report = await lint(apiDocument());
    expect(report.problems.map(describeProblem)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(report.stderr).not.toContain("NETWORK ATTEMPT");
  }, 60_000);

  it("reports warnings and network attempts when there are some (so the test above can fail)", async () => {
    const doc = apiDocument();
    const broken = { ...doc, info: { title: doc.info.title, version: doc.info.version }, servers: [{ url: "http://localhost:3000" }] };
    const noConfig = path.join(dir, "redocly-without-settings.yaml");
    writeFileSync(noConfig, "extends:\n  - recommended\n");
    const report = await lint(broken, noConfig);
    expect(report.problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(["info-license", "no-server-example.com"]));
    expect(report.totals.warnings).toBeGreaterThan(0);
    expect(report.stderr).toContain("NETWORK ATTEMPT");
  }, 60_000);
});
