const ACCURACY = /^(?:test[ _]?)?accuracy$/i;

/** "0.947", "94.7 %", "75.95%" as a share (0–1); null when it is not one. */
function share(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*(%)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const value = m[2] || n > 1 ? n / 100 : n;
  return value >= 0 && value <= 1 ? value : null;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());

/** The card's evaluation accuracy: a row named accuracy (`| Accuracy | 0.947 |`), or a table's accuracy column on its test row. */
function cardAccuracy(card: string): number | null {
  const lines = card.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim().startsWith("|")) continue;
    const row = cells(lines[i]);
    if (row.length >= 2 && ACCURACY.test(row[0])) {
      const v = share(row[1]);
      if (v !== null) return v;
    }
    // A header with an accuracy column: the value on the row named "test" of that table.
    const column = row.findIndex((c) => ACCURACY.test(c));
    if (column > 0 && /^\|[\s:|-]+$/.test(lines[i + 1]?.trim() ?? "")) {
      for (let j = i + 2; j < lines.length && lines[j].trim().startsWith("|"); j++) {
        const r = cells(lines[j]);
        if (/^test$/i.test(r[0]) && r[column] !== undefined) return share(r[column]);
      }
    }
  }
  return null;
}

/**
 * The accuracy live quality is held against: the one the owner set on the version, else the card's evaluation
 * (a row named "accuracy" or "test accuracy", or the accuracy column's "test" row). Null when neither is there:
 * the accuracy rule then has nothing to compare with.
 */
export function referenceAccuracyOf(version: { referenceAccuracy: number | null; model: { card: string } }): number | null {
  if (version.referenceAccuracy !== null) return version.referenceAccuracy;
  return cardAccuracy(version.model.card);
}
