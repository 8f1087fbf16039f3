// `npm run restore -- FILE [--force]`: restores an archive made by `npm run backup` into the embedded
// installation's data folder (MODELPORT_DATA_DIR, default .data) while the portal is stopped; the next
// `npm start` replays the database's WAL and serves the restored portal (lib/backup/restore-embedded.ts).
import { embeddedInstallation } from "../lib/backup/embedded-cluster";
import { restoreEmbedded, RestoreRefused } from "../lib/backup/restore-embedded";

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0].startsWith("-")) {
    console.error("usage: npm run restore -- FILE [--force]   (FILE: an archive made by npm run backup)");
    process.exit(2);
  }
  if (process.env.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: this portal uses an external PostgreSQL. Restore it with pg_restore and put ARTIFACT_DIR back, as docs/operations.md ("Backup and restore") shows; `npm run restore` restores the embedded database only.',
    );
    process.exit(2);
  }
  await restoreEmbedded(embeddedInstallation(), { file: files[0], force, log: (line) => console.log(`[restore] ${line}`) });
  console.log("[restore] done: start the portal with npm start");
}

main().catch((error: unknown) => {
  if (error instanceof RestoreRefused) {
    console.error(`restore refused: ${error.message}`);
    process.exit(3);
  }
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
