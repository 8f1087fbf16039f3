// The one CSV writer for every export (chargeback, audit): RFC 4180 quoting plus OWASP's CSV-injection
// defence. A text cell that starts with =, +, -, @, tab or CR would be run as a formula by spreadsheet
// programs, so it gets a leading apostrophe (shown as text, not evaluated). Numbers cannot be formulas and are
// written as they are, also when they arrive as decimal text ("-1.500000"), so amounts stay numeric.

export type CsvValue = string | number | bigint | boolean | null | undefined | Date | object;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell: empty for null, ISO for dates, JSON for objects, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  let text = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: the header line, then one line per row, CRLF line ends. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return lines.join("\r\n") + "\r\n";
}
