// Starts the built portal exactly as a user would (`npm start`'s script) on a throwaway embedded
// PostgreSQL with demo data, and tells the specs where it and its database are. A free port is reserved
// for the OIDC provider that the SSO spec starts itself.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../lib/server/embedded-postgres";

export default async function globalSetup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "modelport-e2e-"));
  const stateFile = path.join(dir, "state.json");
  const port = await freePort();
  const oidcPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: "",
    MODELPORT_DEMO: "1",
    // A JSON line per call would bury the test report (the hardening spec alone makes thousands); warnings stay.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    MODELPORT_STATE_FILE: stateFile,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    OIDC_CLIENT_ID: "modelport-e2e",
    OIDC_CLIENT_SECRET: "modelport-e2e-secret-value",
    OIDC_NAME: "Test SSO",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--ephemeral"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 180_000;
  while (!existsSync(stateFile)) {
    if (child.exitCode !== null) throw new Error(`the portal exited during start-up (code ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error("the portal did not start within 180 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { url: string; nextUrl: string; databaseUrl: string };
  process.env.E2E_BASE_URL = state.url;
  // Next.js behind the gateway door, on loopback: for specs that check what reaching it directly may do.
  process.env.E2E_NEXT_URL = state.nextUrl;
  // The owner's URL, for the specs' fixtures and checks; the portal itself connects as its own role (lib/server/db-roles.ts).
  process.env.E2E_DATABASE_URL = state.databaseUrl;
  process.env.E2E_OIDC_PORT = String(oidcPort);
  process.env.E2E_OIDC_CLIENT_ID = env.OIDC_CLIENT_ID;
  process.env.E2E_OIDC_CLIENT_SECRET = env.OIDC_CLIENT_SECRET;

  return async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
