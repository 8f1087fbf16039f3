import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readlink, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { create } from "tar";
import { urlOf } from "@/lib/server/embedded-postgres";
import { clusterOf, runningPostmaster, SECRET_FILES, type EmbeddedInstallation } from "./embedded-cluster";

export const MANIFEST = "modelport-backup.json";
export const BACKUP_FORMAT = 1;

export type BackupManifest = {
  format: number;
  createdAt: string;
  /** online: copied while PostgreSQL ran (low-level base backup API); offline: the stopped cluster's files. */
  mode: "online" | "offline";
  postgresMajor: string;
  startLsn: string | null;
  stopLsn: string | null;
  artifacts: number;
  secrets: string[];
};

export type BackupResult = BackupManifest & {
  file: string;
  bytes: number;
  /** Date.now() just before the database copy ended (pg_backup_stop was called): every commit acknowledged before it is in the backup. */
  databaseEndedAt: number;
};

// Left out of a base backup, as PostgreSQL's "Making a Base Backup Using the Low Level API" says: files the
// server writes for its own run, and the contents (not the folders) of folders that are rebuilt at start-up.
// pg_wal's segments are added after pg_backup_stop: exactly those written from the backup's start on.
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "backup_label.old"]);
const EMPTY_FOLDERS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_stat_tmp",
  "pg_subtrans",
]);
const WAL_FILE = /^[0-9A-F]{24}$/;

/**
 * Copies a folder that may change while it is read: files that vanish are skipped (PostgreSQL removes and
 * truncates relation files during a backup; the WAL replayed at restore repairs whatever was caught half-way).
 */
async function copyTree(from: string, to: string, top: boolean, skipContents = false): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  if (skipContents) {
    // pg_wal keeps its sub-folders (archive_status, summaries); the others (e.g. pg_replslot's slots) stay empty.
    if (path.basename(from) !== "pg_wal") return;
    for (const entry of await readdir(from, { withFileTypes: true }).catch(() => []))
      if (entry.isDirectory()) await mkdir(path.join(to, entry.name), { mode: 0o700 });
    return;
  }
  for (const entry of await readdir(from, { withFileTypes: true }).catch(() => [])) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (top && SKIP_FILES.has(entry.name)) continue;
    if (entry.name === "pg_internal.init" || entry.name.startsWith("pgsql_tmp")) continue;
    if (entry.isDirectory()) await copyTree(source, target, false, top && EMPTY_FOLDERS.has(entry.name));
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else if (entry.isFile())
      await copyFile(source, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
  }
}

/** Copies the WAL segments from `firstSegment` on (and the timeline history files) into the copy's pg_wal. */
async function copyWal(clusterDir: string, staged: string, firstSegment: string): Promise<number> {
  let copied = 0;
  for (const name of (await readdir(path.join(clusterDir, "pg_wal"))).sort()) {
    if (!(name.endsWith(".history") || (WAL_FILE.test(name) && name >= firstSegment))) continue;
    await copyFile(path.join(clusterDir, "pg_wal", name), path.join(staged, "pg_wal", name));
    copied++;
  }
  return copied;
}

async function copyDatabase(clusterDir: string, passwordFile: string, staged: string) {
  const running = runningPostmaster(clusterDir);
  if (!running) {
    // Stopped (cleanly, or crashed: then the copy recovers on start as the original would): its files as they are.
    await copyTree(clusterDir, staged, true);
    await copyTree(path.join(clusterDir, "pg_wal"), path.join(staged, "pg_wal"), false);
    return { mode: "offline" as const, startLsn: null, stopLsn: null, databaseEndedAt: Date.now() };
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  const client = new pg.Client({ connectionString: urlOf(password, running.port, "postgres"), application_name: "modelport backup" });
  await client.connect();
  try {
    // A temporary slot (dropped with this session) keeps every WAL segment from the backup's start until it is
    // copied, even if checkpoints run meanwhile; the backup itself is non-exclusive and tied to this session.
    const slot = `modelport_backup_${randomBytes(4).toString("hex")}`;
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [slot]);
    const started = await client.query<{ lsn: string; segment: string }>(
      "SELECT lsn::text, pg_walfile_name(lsn) AS segment FROM pg_backup_start($1, fast => true) AS lsn",
      [`modelport backup ${new Date().toISOString()}`],
    );
    const { lsn: startLsn, segment } = started.rows[0];
    try {
      await copyTree(clusterDir, staged, true);
    } catch (error) {
      await client.query("SELECT pg_backup_stop(false)").catch(() => {});
      throw error;
    }
    const databaseEndedAt = Date.now();
    const stopped = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(wait_for_archive => false)",
    );
    const { lsn: stopLsn, labelfile, spcmapfile } = stopped.rows[0];
    await writeFile(path.join(staged, "backup_label"), labelfile, { mode: 0o600 });
    if (spcmapfile) await writeFile(path.join(staged, "tablespace_map"), spcmapfile, { mode: 0o600 });
    await copyWal(clusterDir, staged, segment);
    return { mode: "online" as const, startLsn, stopLsn, databaseEndedAt };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The default archive name: modelport-backup-2026-12-04T0512Z.tar.gz (UTC, so names sort by time). */
export function defaultBackupName(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(":", "");
  return `modelport-backup-${stamp}Z.tar.gz`;
}

/**
 * Backs an embedded installation up into one gzip'd tar file: the database (a base backup taken while the
 * portal runs, or the stopped cluster's files), its owner password, the artifact store and the generated
 * secrets. The artifacts are copied after the database, so every artifact a backed-up row names is there.
 */
export async function backupEmbedded(
  installation: EmbeddedInstallation,
  options: { out: string; log?: (line: string) => void },
): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const cluster = clusterOf(installation);
  if (!cluster)
    throw new Error(`No embedded database in ${installation.requestedClusterDir}: nothing to back up (is MODELPORT_DATA_DIR right?).`);
  const out = path.resolve(options.out);
  if (existsSync(out)) throw new Error(`${out} already exists; name another file with --out.`);
  await mkdir(path.dirname(out), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(out), ".modelport-backup-"));
  try {
    log(`copying the database in ${cluster.dir}`);
    const db = await copyDatabase(cluster.dir, cluster.passwordFile, path.join(staging, "postgres"));
    log(db.mode === "online" ? `database copied while running (WAL ${db.startLsn} … ${db.stopLsn})` : "database copied (stopped)");
    await copyFile(cluster.passwordFile, path.join(staging, "postgres-password"));
    let artifacts = 0;
    if (existsSync(installation.artifactDir)) {
      await copyTree(installation.artifactDir, path.join(staging, "artifacts"), false);
      artifacts = (await readdir(path.join(staging, "artifacts"))).filter((n) => n.endsWith(".onnx")).length;
    }
    const secrets: string[] = [];
    for (const name of SECRET_FILES) {
      const file = path.join(installation.dataDir, name);
      if (!existsSync(file)) continue;
      await copyFile(file, path.join(staging, name));
      secrets.push(name);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      mode: db.mode,
      postgresMajor: readFileSync(path.join(cluster.dir, "PG_VERSION"), "utf8").trim(),
      startLsn: db.startLsn,
      stopLsn: db.stopLsn,
      artifacts,
      secrets,
    };
    await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = `${out}.partial`;
    const entries = (await readdir(staging)).sort((a, b) => (a === MANIFEST ? -1 : b === MANIFEST ? 1 : a.localeCompare(b)));
    // Readable by this user only: the archive holds the owner password and the secret-header key.
    await pipeline(create({ gzip: true, cwd: staging, portable: true }, entries), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, out);
    const { size } = await stat(out);
    log(`wrote ${out} (${(size / 1048576).toFixed(1)} MB: database, ${artifacts} artifact(s), ${secrets.length} secret file(s))`);
    return { ...manifest, file: out, bytes: size, databaseEndedAt: db.databaseEndedAt };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(`${out}.partial`, { force: true });
  }
}
