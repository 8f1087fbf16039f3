import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { chmod, mkdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { binariesFor, clusterDirFor, postgresOsUser, type OsUser } from "./embedded-postgres-binaries";
import { clearLeftoverPostmaster } from "./embedded-postgres-orphan";

export type EmbeddedDatabase = {
  /** Connection string for the given database on this cluster, as its owner (a superuser). */
  urlFor: (database: string) => string;
  createDatabase: (database: string) => Promise<void>;
  dropDatabase: (database: string) => Promise<void>;
  stop: () => Promise<void>;
  /** Settles when PostgreSQL exits, whether stopped or not. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  port: number;
  /** Where the cluster's files are (see clusterDirFor: as root it may not be the folder asked for). */
  dataDir: string;
};

const USER = "modelport";
// Clusters created before the password was generated per cluster used this one; the first start rotates it.
const LEGACY_PASSWORD = "modelport";

/** True when something already listens on 127.0.0.1:port. */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The owner's connection string for a database on an embedded cluster listening on 127.0.0.1:port. */
export const urlOf = (password: string, port: number, database: string) =>
  `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function initialise(initdb: string, dataDir: string, password: string, user: OsUser | null, logFile: string) {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);
  const pwfile = path.join(path.dirname(dataDir), `.pwfile-${randomBytes(6).toString("hex")}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
    ];
    const code = await new Promise<number | null>((resolve, reject) => {
      const out = openSync(logFile, "a");
      const child = spawn(initdb, args, { ...(user ?? {}), stdio: ["ignore", out, out], env: { ...process.env, LC_MESSAGES: "C" } });
      closeSync(out);
      child.once("error", reject);
      child.once("exit", resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (code ${code}):\n${tail(logFile)}`);
  } finally {
    await unlink(pwfile).catch(() => {});
  }
}

/** Connects as the owner with the first password that works; 28P01 (wrong password) tries the next. */
async function connectWithAny(
  port: number,
  passwords: string[],
  child: ChildProcess,
  logFile: string,
  timeoutMs = 120_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  for (;;) {
    if (spawnError) throw new Error(`Could not run PostgreSQL (${spawnError.message}).`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `PostgreSQL exited during start-up (${child.signalCode ?? `code ${child.exitCode}`}); its log (${logFile}) ends with:\n${tail(logFile)}`,
      );
    }
    let wrongPassword = 0;
    for (const password of passwords) {
      const client = new pg.Client({ connectionString: urlOf(password, port, "postgres"), connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query("SELECT 1");
        await client.end();
        return password;
      } catch (error) {
        await client.end().catch(() => {});
        if ((error as { code?: string }).code === "28P01") wrongPassword++;
      }
    }
    if (wrongPassword === passwords.length)
      throw new Error(
        `The embedded PostgreSQL refused every known password for "${USER}" (see the password file next to its data folder).`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `PostgreSQL did not accept connections within ${timeoutMs / 1000} s; its log (${logFile}) ends with:\n${tail(logFile)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose files live in `dataDir`, listening on loopback
 * only. The owner's password is generated per cluster (kept in `postgres-password` beside the data folder,
 * readable by this OS user only): the portal itself connects as a role without it (lib/server/db-roles.ts).
 * As root, PostgreSQL runs as the `postgres` OS user (it refuses root), with binaries and data that user can
 * reach (lib/server/embedded-postgres-binaries.ts). A PostgreSQL left running by a killed launcher is stopped first.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const user = userInfo().uid === 0 ? postgresOsUser() : null;
  const dataDir = await clusterDirFor(path.resolve(options.dataDir), user, log);
  const binaries = await binariesFor(user, log);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const passwordFile = path.join(path.dirname(dataDir), "postgres-password");
  const logFile = path.join(path.dirname(dataDir), "postgres.log");
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  let password = existsSync(passwordFile) ? readFileSync(passwordFile, "utf8").trim() : "";
  const pending = existsSync(`${passwordFile}.new`) ? readFileSync(`${passwordFile}.new`, "utf8").trim() : "";
  if (!initialised) {
    password = randomBytes(24).toString("base64url");
    await writeFile(passwordFile, password, { mode: 0o600 });
    await initialise(binaries.initdb, dataDir, password, user, logFile);
  } else {
    await clearLeftoverPostmaster(dataDir, log);
  }
  if (await isPortInUse(options.port))
    throw new Error(`Port ${options.port} is taken by another program; set MODELPORT_PG_PORT to a free port.`);

  const out = openSync(logFile, "a");
  if (user) chownSync(logFile, user.uid, user.gid);
  const child = spawn(
    binaries.postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=on",
    ],
    // Its own process group: a Ctrl-C in the terminal reaches the launcher, which stops the portal first and
    // PostgreSQL after it, instead of PostgreSQL going down under requests still in flight.
    { ...(user ?? {}), detached: true, stdio: ["ignore", out, out], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  closeSync(out);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const candidates = [password, pending, LEGACY_PASSWORD].filter((p, i, all) => p && all.indexOf(p) === i);
  const working = await connectWithAny(options.port, candidates, child, logFile);
  if (working !== password || !existsSync(passwordFile)) password = await rotatePassword(options.port, working, passwordFile);

  const stop = async () => {
    // After a crash the exit has already happened (exitCode/signalCode set): nothing to signal or wait for.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT"); // fast shutdown: running transactions are rolled back, everything committed is kept
      const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    if (options.persistent === false) await rm(dataDir, { recursive: true, force: true });
  };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: urlOf(password, options.port, "postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    port: options.port,
    dataDir,
    exited,
    urlFor: (database) => urlOf(password, options.port, database),
    createDatabase: (name) => admin(`CREATE DATABASE ${pg.escapeIdentifier(name)}`),
    dropDatabase: (name) => admin(`DROP DATABASE ${pg.escapeIdentifier(name)}`),
    stop,
  };
}

/** Gives a cluster that still has the legacy (or an unconfirmed) password a fresh one, written before it is set. */
async function rotatePassword(port: number, current: string, passwordFile: string): Promise<string> {
  const next = randomBytes(24).toString("base64url");
  await writeFile(`${passwordFile}.new`, next, { mode: 0o600 });
  const client = new pg.Client({ connectionString: urlOf(current, port, "postgres") });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(next)}`);
  } finally {
    await client.end();
  }
  await rename(`${passwordFile}.new`, passwordFile);
  await chmod(passwordFile, 0o600);
  return next;
}
