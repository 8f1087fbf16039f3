// Axis/tooltip formats for charts. Client components cannot receive functions from the server, so pages pick
// a format by name. Chart values are plain numbers (money in currency units): display only.
export type ChartFormat = "number" | "ms" | "money" | "percent" | "ratio";

export function formatChartValue(value: unknown, format: ChartFormat): string {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  const n = Number(value);
  switch (format) {
    case "ms":
      return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`;
    case "money":
      return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: Math.abs(n) >= 100_000 ? "compact" : "standard", maximumFractionDigits: Math.abs(n) < 10 ? 4 : 0 }).format(n);
    case "percent":
      return `${(n * 100).toFixed(1)} %`;
    case "ratio":
      return `${(n * 100).toFixed(0)} %`;
    default:
      return new Intl.NumberFormat("en-US", { notation: Math.abs(n) >= 100_000 ? "compact" : "standard" }).format(n);
  }
}

export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];
