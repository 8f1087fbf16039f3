// `npm run backup [-- --out FILE]`: backs the embedded installation (no DATABASE_URL) up into one archive — the
// database (online while the portal runs: PostgreSQL's base backup API), the artifact store and the generated
// secrets (lib/backup/backup-embedded.ts). An external database is backed up with pg_dump (docs/operations.md).
import path from "node:path";
import { backupEmbedded, defaultBackupName } from "../lib/backup/backup-embedded";
import { embeddedInstallation } from "../lib/backup/embedded-cluster";

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  if (at >= 0 && !args[at + 1]) throw new Error("--out needs a file name, e.g. --out /backups/modelport.tar.gz");
  if (process.env.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: this portal uses an external PostgreSQL. Back it up with pg_dump and copy ARTIFACT_DIR after it, as docs/operations.md ("Backup and restore") shows; `npm run backup` covers the embedded database only.',
    );
    process.exit(2);
  }
  const out = at >= 0 ? args[at + 1] : path.join(process.cwd(), defaultBackupName());
  await backupEmbedded(embeddedInstallation(), { out, log: (line) => console.log(`[backup] ${line}`) });
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
