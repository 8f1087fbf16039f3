/**
 * The accuracy live quality is held against: the one the owner set on the version, else the card's
 * evaluation table — the first row named "accuracy" or "test accuracy" (`| Accuracy | 0.947 |`, `| testAccuracy | 93.3 % |`).
 * Null when neither is there: the accuracy rule then has nothing to compare with.
 */
export function referenceAccuracyOf(version: { referenceAccuracy: number | null; model: { card: string } }): number | null {
  if (version.referenceAccuracy !== null) return version.referenceAccuracy;
  const row = /^\|\s*(?:test[ _]?)?accuracy\s*\|\s*([0-9]+(?:\.[0-9]+)?)\s*(%)?\s*\|/im.exec(version.model.card);
  if (!row) return null;
  const n = Number(row[1]);
  const share = row[2] || n > 1 ? n / 100 : n;
  return share >= 0 && share <= 1 ? share : null;
}
