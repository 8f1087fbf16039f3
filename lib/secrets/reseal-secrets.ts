import pg from "pg";
import { keyring, needsReseal, openSecret, sealSecret, type Keyring } from "./secret-box";

export type ResealReport = { resealed: number; unreadable: number };

/**
 * Re-encrypts every stored upstream secret that is legacy plaintext or sealed with an old key, with the
 * current key. Run by `npm start` after the migrations (each node; idempotent, and each row is updated only
 * if nobody changed it meanwhile). Values no configured key opens are left as they are and counted.
 */
export async function resealSecrets(databaseUrl: string, ring: Keyring = keyring()): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, unreadable: 0 };
  if (!ring.current) return report;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; value: string }>(
      `SELECT id, "secretHeaderValue" AS value FROM model_versions WHERE "secretHeaderValue" IS NOT NULL`,
    );
    for (const row of rows) {
      if (!needsReseal(row.value, ring)) continue;
      let plain: string;
      try {
        plain = openSecret(row.value, ring);
      } catch {
        report.unreadable++;
        continue;
      }
      const { rowCount } = await client.query(
        `UPDATE model_versions SET "secretHeaderValue" = $1 WHERE id = $2 AND "secretHeaderValue" = $3`,
        [sealSecret(plain, ring), row.id, row.value],
      );
      report.resealed += rowCount ?? 0;
    }
  } finally {
    await client.end();
  }
  return report;
}
