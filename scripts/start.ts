// Starts Modelport: database (embedded PostgreSQL unless DATABASE_URL is set) → migrations as the owner role →
// the portal's own role and its privileges (lib/server/db-roles.ts) → demo data (once, while `next build` runs on a
// fresh clone) → two server processes, which connect as the portal's role: the gateway door on PORT
// (gateway/server.ts: answers key-authenticated invoke calls, forwards the rest) and Next.js behind it on
// loopback (scripts/next-server.ts). `--dev` runs plain `next dev` on PORT instead; `--ephemeral` keeps the
// embedded database in a throwaway folder that is removed on exit (used by the end-to-end tests). The launcher
// supervises: if the door, Next or PostgreSQL dies, it stops the rest and exits non-zero, so a supervisor
// (systemd, a container runtime) can start it again.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/server/embedded-postgres";
import { ensureDatabase, migrateDatabase } from "../lib/server/migrate";
import { resealSecrets } from "../lib/secrets/reseal-secrets";
import { keyringOf } from "../lib/secrets/secret-box";
import { ensureAppRole } from "../lib/server/db-roles";
import { ensureInvocationPartitions } from "../lib/usage/ensure-invocation-partitions";
import { seedIfEmpty } from "../prisma/seed";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const ephemeral = args.has("--ephemeral");
const t0 = performance.now();
const since = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(`[modelport ${since()}] ${line}`);

let embedded: EmbeddedDatabase | undefined;
/** The server processes, stopped in this order: the door first (it drains its calls), then Next. */
const servers: ChildProcess[] = [];
let build: ChildProcess | undefined;
let ephemeralDir: string | undefined;
let stopping = false;

const running = (child: ChildProcess | undefined): child is ChildProcess =>
  Boolean(child && child.exitCode === null && child.signalCode === null);

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (running(build)) build.kill("SIGTERM");
  for (const child of servers) {
    if (!running(child)) continue;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  if (embedded) {
    log("stopping embedded PostgreSQL");
    await embedded.stop().catch((e: Error) => log(`could not stop PostgreSQL cleanly: ${e.message}`));
  }
  if (ephemeralDir) rmSync(ephemeralDir, { recursive: true, force: true });
  process.exit(code);
}
// The servers drain their requests on SIGTERM before PostgreSQL is stopped (which runs in its own process group,
// so a Ctrl-C in the terminal does not reach it directly).
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

  // The owner role applies migrations and seeds; the server connects as the portal's role (lib/server/db-roles.ts).
  let databaseUrl = process.env.DATABASE_URL;
  const demo = process.env.MODELPORT_DEMO ?? (databaseUrl ? "0" : "1");
  if (!databaseUrl) {
    let pgPort = Number(process.env.MODELPORT_PG_PORT ?? (ephemeral ? 0 : 54329));
    if (pgPort === 0) pgPort = await freePort();
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort}`);
    const started = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort, log });
    embedded = started;
    log(`embedded PostgreSQL ready (data in ${started.dataDir})`);
    void started.exited.then(({ code, signal }) => {
      if (stopping) return;
      log(`PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); stopping the portal`);
      void shutdown(1);
    });
    databaseUrl = started.urlFor("modelport");
  } else {
    log("using the database in DATABASE_URL (embedded PostgreSQL not started)");
  }

  await ensureDatabase(databaseUrl);
  const { applied } = await migrateDatabase(databaseUrl, { log });
  log(applied.length ? `database migrated (${applied.length} new)` : "database schema up to date");
  const key = secretKey(dataDir);
  const sealed = await resealSecrets(databaseUrl, keyringOf(key, process.env.MODELPORT_SECRET_KEY_PREVIOUS));
  if (sealed.resealed) log(`re-encrypted ${sealed.resealed} upstream secret header(s) with the current key`);
  if (sealed.unreadable)
    log(`WARNING: ${sealed.unreadable} upstream secret header(s) open with none of the configured keys (MODELPORT_SECRET_KEY_PREVIOUS)`);
  // The months the seed writes into exist before it runs; the portal's partition-upkeep job keeps them coming.
  const partitions = await ensureInvocationPartitions(databaseUrl);
  if (partitions) log(`created ${partitions} monthly invocation partition(s)`);
  const appDatabaseUrl = await ensureAppRole(databaseUrl, { appUrl: process.env.DATABASE_APP_URL });
  log(`the portal connects as role ${decodeURIComponent(new URL(appDatabaseUrl).username)} (no table of its own, append-only audit)`);

  // The demo seed (one transaction: its data appears all at once when it commits) runs on this process's event
  // loop while `next build` (a fresh clone) and the server start in other processes.
  const seeding =
    demo === "1"
      ? seedIfEmpty(databaseUrl, { log, artifactDir: artifactDir(dataDir) }).then((seeded) =>
          log(seeded ? "demo data seeded" : "demo data already present"),
        )
      : Promise.resolve();
  seeding.catch(() => {}); // awaited below

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appDatabaseUrl,
    DATABASE_APP_URL: undefined,
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
    log("no production build found: running `next build` (once; the demo seed runs meanwhile)");
    const child = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "inherit", "inherit"], env });
    build = child;
    const built = new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `code ${code}`})`))));
    });
    await Promise.all([built, seeding]); // a failed seed stops the build at once (shutdown)
    log("production build ready");
  }
  let nextPort: number | undefined;
  if (dev) {
    // Development: plain `next dev` on PORT, so every route, invoke included, hot-reloads.
    supervise("next dev", spawn(process.execPath, [nextBin, "dev", "-p", String(port)], { stdio: ["ignore", "inherit", "inherit"], env }));
  } else {
    // Production: the door on PORT in front of Next on loopback. The door's token proves to Next's server that a
    // request came through the door (so the client address it writes may be believed); it is new on every start.
    nextPort = Number(process.env.MODELPORT_NEXT_PORT ?? 0) || (await freePort());
    const internal = { MODELPORT_NEXT_PORT: String(nextPort), MODELPORT_DOOR_TOKEN: randomBytes(24).toString("base64url") };
    // MODELPORT_METRICS_PORT belongs to the door, which merges in Next's metrics from a listener on loopback.
    const nextMetrics = process.env.MODELPORT_METRICS_PORT
      ? { MODELPORT_METRICS_PORT: String(await freePort()), MODELPORT_METRICS_HOST: "127.0.0.1" }
      : {};
    // MODELPORT_SERVER_NODE_ARGS: extra Node flags for both server processes (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
    const nodeArgs = process.env.MODELPORT_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
    // Each gets an IPC channel: it closes when this launcher dies, even by SIGKILL, and the server then stops
    // instead of serving on without its supervisor.
    const serverEnv: NodeJS.ProcessEnv = { ...env, ...internal, NODE_ENV: "production" };
    const options: SpawnOptions = { stdio: ["ignore", "inherit", "inherit", "ipc"], env: serverEnv };
    // The door runs with the react-server condition: lib's `import "server-only"` marker is then empty, as in Next's server bundles.
    const doorOptions: SpawnOptions = {
      ...options,
      env: { ...serverEnv, MODELPORT_NEXT_METRICS_PORT: nextMetrics.MODELPORT_METRICS_PORT },
    };
    supervise(
      "the gateway door",
      spawn(
        process.execPath,
        [...nodeArgs, "--conditions=react-server", "--import", "tsx", path.join("gateway", "server.ts")],
        doorOptions,
      ),
    );
    supervise(
      "the Next.js server",
      spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join("scripts", "next-server.ts")], {
        ...options,
        env: { ...serverEnv, ...nextMetrics },
      }),
    );
  }
  await Promise.all([seeding, waitForHealth(`http://127.0.0.1:${port}/api/health`)]);
  log(`ready at http://localhost:${port} (start-up took ${since()})`);
  // Test harnesses read where the portal, Next behind its door and the database are from this file (databaseUrl: the owner role).
  if (process.env.MODELPORT_STATE_FILE) {
    const nextUrl = nextPort ? `http://127.0.0.1:${nextPort}` : null;
    writeFileSync(
      process.env.MODELPORT_STATE_FILE,
      JSON.stringify({ url: `http://127.0.0.1:${port}`, nextUrl, databaseUrl, appDatabaseUrl, pid: process.pid }),
    );
  }
}

/** A server process whose end (unless the launcher is stopping) stops everything with a non-zero code. */
function supervise(name: string, child: ChildProcess) {
  servers.push(child);
  child.once("exit", (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? `code ${code}`}); stopping`);
    void shutdown(code ? code : 1);
  });
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

main().catch((error: unknown) => {
  if (stopping) return;
  console.error(`[modelport] start failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
