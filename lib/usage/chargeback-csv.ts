import { toCsv, type CsvValue } from "@/lib/csv/to-csv";
import type { ChargebackStatement } from "@/lib/usage/get-chargeback";

/** Micros as a plain decimal string (exact, no float): 1234567 → "1.234567". */
export function microsToDecimal(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const abs = micros < 0n ? -micros : micros;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
}

/**
 * The statement as CSV: one line per business unit × model × app, then a TOTAL line per unit. Money is given
 * both exactly in micros and in currency units.
 */
export function chargebackCsv(month: string, statements: ChargebackStatement[]): string {
  const rows: CsvValue[][] = [];
  for (const s of statements) {
    const bu = s.businessUnit.slug ?? "none";
    for (const l of s.lines) {
      rows.push([
        month,
        bu,
        l.model,
        l.app,
        l.calls,
        l.costMicros,
        l.valueMicros,
        microsToDecimal(l.costMicros),
        microsToDecimal(l.valueMicros),
      ]);
    }
    rows.push([
      month,
      bu,
      "TOTAL",
      "",
      s.totals.calls,
      s.totals.costMicros,
      s.totals.valueMicros,
      microsToDecimal(s.totals.costMicros),
      microsToDecimal(s.totals.valueMicros),
    ]);
  }
  return toCsv(["month", "business_unit", "model", "app", "calls", "cost_micros", "value_micros", "cost", "value"], rows);
}
