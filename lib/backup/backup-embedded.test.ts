// npm run backup / restore for the embedded default, against a real embedded PostgreSQL: a backup taken while
// writes go on, restored over the folder, started again — every commit acknowledged before the backup's database
// copy ended is there, and so are the artifact and the secrets.
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/server/embedded-postgres";
import { backupEmbedded, defaultBackupName } from "./backup-embedded";
import { embeddedInstallation } from "./embedded-cluster";
import { restoreEmbedded, RestoreRefused } from "./restore-embedded";

const root = mkdtempSync(path.join(os.tmpdir(), "modelport-backup-test-"));
// As root, PostgreSQL runs as `postgres`, which must be able to enter the folder (else the cluster is relocated).
chmodSync(root, 0o755);
const started: EmbeddedDatabase[] = [];

afterAll(async () => {
  for (const db of started) await db.stop().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<EmbeddedDatabase> {
  const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: await freePort() });
  started.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("backup and restore of the embedded installation", () => {
  it("backs up while writes continue; the restored database holds every commit made before the copy ended, with the artifact and secrets", async () => {
    const dataDir = path.join(root, "data");
    const installation = embeddedInstallation({ MODELPORT_DATA_DIR: dataDir });
    const db = await start(dataDir);
    await db.createDatabase("modelport");
    const url = db.urlFor("modelport");
    // Some bulk, so that the copy takes long enough for writes to land in the middle of it.
    await query(
      url,
      "CREATE TABLE calls (id bigserial PRIMARY KEY, note text NOT NULL); INSERT INTO calls (note) SELECT repeat(md5(g::text), 20) FROM generate_series(1, 30000) g",
    );
    const artifact = randomBytes(64 * 1024);
    const key = `${createHash("sha256").update(artifact).digest("hex")}.onnx`;
    mkdirSync(installation.artifactDir, { recursive: true });
    writeFileSync(path.join(installation.artifactDir, key), artifact);
    writeFileSync(path.join(dataDir, "secret-key"), "the-secret-key");

    // A writer commits one row after another for as long as the backup runs, noting when each was acknowledged.
    const acknowledged: { id: number; at: number }[] = [];
    let writing = true;
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    const writes = (async () => {
      while (writing) {
        const { rows } = await writer.query<{ id: string }>("INSERT INTO calls (note) VALUES ('during') RETURNING id");
        acknowledged.push({ id: Number(rows[0].id), at: Date.now() });
      }
    })();
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 5));
    const out = path.join(root, "backups", defaultBackupName());
    const backupStarted = Date.now();
    const result = await backupEmbedded(installation, { out });
    const moreAfter = acknowledged.length + 20;
    while (acknowledged.length < moreAfter) await new Promise((r) => setTimeout(r, 5));
    writing = false;
    await writes;
    await writer.end();

    expect(result.mode).toBe("online");
    expect(result.artifacts).toBe(1);
    expect(result.secrets).toEqual(["secret-key"]);
    // Only its owner may read it: it holds the database owner's password and the secret-header key.
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const before = acknowledged.filter((w) => w.at < result.databaseEndedAt);
    // Writes really went on while the database was being copied, and after it.
    expect(before.filter((w) => w.at > backupStarted).length).toBeGreaterThan(0);
    expect(acknowledged.filter((w) => w.at > result.databaseEndedAt).length).toBeGreaterThan(0);

    // A running database is never overwritten.
    await expect(restoreEmbedded(installation, { file: out, force: true })).rejects.toThrow(/database is running/);
    await db.stop();
    // A stopped but non-empty installation only with --force.
    const refused = restoreEmbedded(installation, { file: out });
    await expect(refused).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refused).rejects.toThrow(/already holds a database .*--force/);

    // Wipe, restore, start.
    rmSync(dataDir, { recursive: true, force: true });
    await restoreEmbedded(installation, { file: out });
    const restored = await start(dataDir);
    const ids = new Set(
      (await query<{ id: string }>(restored.urlFor("modelport"), "SELECT id FROM calls WHERE note = 'during'")).map((r) => Number(r.id)),
    );
    expect(before.filter((w) => !ids.has(w.id))).toEqual([]);
    const [{ bulk }] = await query<{ bulk: string }>(
      restored.urlFor("modelport"),
      "SELECT count(*) AS bulk FROM calls WHERE note <> 'during'",
    );
    expect(Number(bulk)).toBe(30000);
    expect(readFileSync(path.join(installation.artifactDir, key)).equals(artifact)).toBe(true);
    expect(readFileSync(path.join(dataDir, "secret-key"), "utf8")).toBe("the-secret-key");

    // --force replaces a stopped installation's database with the backup's.
    await query(restored.urlFor("modelport"), "INSERT INTO calls (note) VALUES ('after the restore')");
    await restored.stop();
    await restoreEmbedded(installation, { file: out, force: true });
    const again = await start(dataDir);
    const [{ n }] = await query<{ n: string }>(
      again.urlFor("modelport"),
      "SELECT count(*) AS n FROM calls WHERE note = 'after the restore'",
    );
    expect(Number(n)).toBe(0);
    await again.stop();
  }, 180_000);

  it("backs up a stopped installation as it is, and restores it into another folder", async () => {
    const dataDir = path.join(root, "stopped");
    const db = await start(dataDir);
    await db.createDatabase("modelport");
    await query(db.urlFor("modelport"), "CREATE TABLE t (v int); INSERT INTO t SELECT generate_series(1, 500)");
    await db.stop();
    const out = path.join(root, "stopped.tar.gz");
    const result = await backupEmbedded(embeddedInstallation({ MODELPORT_DATA_DIR: dataDir }), { out });
    expect(result).toMatchObject({ mode: "offline", artifacts: 0, secrets: [] });

    const elsewhere = path.join(root, "elsewhere");
    await restoreEmbedded(embeddedInstallation({ MODELPORT_DATA_DIR: elsewhere }), { file: out });
    const restored = await start(elsewhere);
    expect(await query(restored.urlFor("modelport"), "SELECT count(*)::int AS n FROM t")).toEqual([{ n: 500 }]);
    await restored.stop();
  }, 120_000);

  it("refuses a file that is not a Modelport backup", async () => {
    const dataDir = path.join(root, "empty");
    const bogus = path.join(root, "bogus.tar.gz");
    writeFileSync(bogus, "not a tar file");
    const refused = restoreEmbedded(embeddedInstallation({ MODELPORT_DATA_DIR: dataDir }), { file: bogus });
    await expect(refused).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refused).rejects.toThrow(/is not a Modelport backup/);
    expect(existsSync(path.join(dataDir, "postgres"))).toBe(false);
  });
});
