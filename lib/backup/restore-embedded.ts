import { existsSync, readFileSync } from "node:fs";
import { chmod, chown, cp, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { extract } from "tar";
import { clusterDirFor, packagedPostgres, type OsUser } from "@/lib/server/embedded-postgres-binaries";
import { BACKUP_FORMAT, MANIFEST, type BackupManifest } from "./backup-embedded";
import { clusterOf, runningPostmaster, SECRET_FILES, type EmbeddedInstallation } from "./embedded-cluster";

/** A refusal the command line prints as is (no stack): the user has something to do first. */
export class RestoreRefused extends Error {}

const nonEmpty = async (dir: string) => existsSync(dir) && (await readdir(dir)).length > 0;

async function chownTree(dir: string, user: OsUser): Promise<void> {
  await chown(dir, user.uid, user.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, user);
    else await chown(full, user.uid, user.gid);
  }
}

/** Moves a folder or file into place (a copy when it crosses file systems, e.g. to /var/lib/modelport). */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

async function readManifest(dir: string, file: string): Promise<BackupManifest> {
  const at = path.join(dir, MANIFEST);
  if (!existsSync(at) || !existsSync(path.join(dir, "postgres", "PG_VERSION")))
    throw new RestoreRefused(`${file} is not a Modelport backup (no ${MANIFEST} and database in it).`);
  const manifest = JSON.parse(readFileSync(at, "utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new RestoreRefused(`${file} is a backup in format ${manifest.format}; this version of Modelport reads format ${BACKUP_FORMAT}.`);
  return manifest;
}

/**
 * Restores a backup made by backupEmbedded into an installation's data folder: the cluster (PostgreSQL replays
 * the WAL in it on its first start, up to the end of the backup), its owner password, the artifacts and the
 * secret files. Refuses while a PostgreSQL runs on the folder, and when there is a database, artifacts or secrets
 * already, unless `force` (they are then deleted first). The next `npm start` starts the restored portal.
 */
export async function restoreEmbedded(
  installation: EmbeddedInstallation,
  options: { file: string; force?: boolean; log?: (line: string) => void },
): Promise<BackupManifest> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file);
  if (!existsSync(file) || !(await stat(file)).isFile()) throw new RestoreRefused(`No backup file at ${file}.`);
  const existing = clusterOf(installation);
  const running = existing && runningPostmaster(existing.dir);
  if (existing && running)
    throw new RestoreRefused(
      `The portal's database is running (PostgreSQL pid ${running.pid} on ${existing.dir}). Stop the portal (Ctrl-C or SIGTERM to npm start) and restore again.`,
    );
  const occupied = [
    existing ? `a database (${existing.dir})` : null,
    (await nonEmpty(installation.artifactDir)) ? `artifacts (${installation.artifactDir})` : null,
    SECRET_FILES.some((n) => existsSync(path.join(installation.dataDir, n))) ? `secrets (${installation.dataDir})` : null,
  ].filter((x): x is string => x !== null);
  if (occupied.length && !options.force)
    throw new RestoreRefused(
      `${installation.dataDir} already holds ${occupied.join(", ")}. Restoring replaces them: run again with --force to delete them and restore, or set MODELPORT_DATA_DIR to an empty folder.`,
    );

  await mkdir(path.dirname(installation.dataDir), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(installation.dataDir), ".modelport-restore-"));
  try {
    log(`reading ${file}`);
    await extract({ file, cwd: staging, preservePaths: false, strict: true }).catch((error: Error) => {
      throw new RestoreRefused(`${file} is not a Modelport backup (not a readable .tar.gz: ${error.message}).`);
    });
    const manifest = await readManifest(staging, file);
    const packaged = await packagedPostgres();
    if (packaged.version.split(".")[0] !== manifest.postgresMajor)
      throw new RestoreRefused(
        `The backup holds a PostgreSQL ${manifest.postgresMajor} database; this installation's embedded PostgreSQL is ${packaged.version}.`,
      );
    if (occupied.length) {
      log(`--force: deleting ${occupied.join(", ")}`);
      if (existing) await rm(existing.dir, { recursive: true, force: true });
      await rm(installation.artifactDir, { recursive: true, force: true });
      for (const name of SECRET_FILES) await rm(path.join(installation.dataDir, name), { force: true });
    }
    const user = installation.postgresUser;
    const clusterDir = await clusterDirFor(installation.requestedClusterDir, user, log);
    await rm(clusterDir, { recursive: true, force: true });
    await moveInto(path.join(staging, "postgres"), clusterDir);
    // PostgreSQL refuses a data folder others can read, and runs as `postgres` when launched by root.
    await chmod(clusterDir, 0o700);
    if (user) await chownTree(clusterDir, user);
    const passwordFile = path.join(path.dirname(clusterDir), "postgres-password");
    await moveInto(path.join(staging, "postgres-password"), passwordFile);
    await chmod(passwordFile, 0o600);
    if (existsSync(path.join(staging, "artifacts"))) await moveInto(path.join(staging, "artifacts"), installation.artifactDir);
    for (const name of manifest.secrets) {
      await moveInto(path.join(staging, name), path.join(installation.dataDir, name));
      await chmod(path.join(installation.dataDir, name), 0o600);
    }
    log(
      `restored the ${manifest.mode} backup of ${manifest.createdAt}: database into ${clusterDir}, ${manifest.artifacts} artifact(s), ${manifest.secrets.length} secret file(s)`,
    );
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
