// Display formatting. Money is stored and computed in integer micro-units; rounding happens only here.

export function formatMoney(micros: bigint | number, currency = "USD"): string {
  const value = Number(micros) / 1_000_000;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: Math.abs(value) < 10 ? 4 : 2 }).format(value);
}

export function formatNumber(n: number | bigint): string {
  return new Intl.NumberFormat("en-US").format(Number(n));
}

export function formatDate(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 10) : "—";
}

export function formatAge(from: Date | null | undefined, now = Date.now()): string {
  if (!from) return "—";
  const hours = Math.floor((now - from.getTime()) / 3_600_000);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

/**
 * ROI = (value − cost) / cost, the same way on every dashboard: a percentage up to 1,000 % ("240 %",
 * "-35 %"), beyond that the multiple of the cost it returns ("5,764×"), where a percentage stops being readable.
 */
export function formatRoi(roi: number | null | undefined): string {
  if (roi === null || roi === undefined || !Number.isFinite(roi)) return "—";
  const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  return Math.abs(roi) < 10 ? `${whole.format(roi * 100)} %` : `${whole.format(roi)}×`;
}
