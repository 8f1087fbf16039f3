// Axis/tooltip formats for charts. Client components cannot receive functions from the server, so pages pick
// a format by name. Chart values are plain numbers (money in currency units): display only.
import { formatRoi } from "@/lib/format";

export type ChartFormat = "number" | "ms" | "money" | "percent" | "ratio";

export function formatChartValue(value: unknown, format: ChartFormat): string {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  const n = Number(value);
  switch (format) {
    case "ms":
      return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`;
    case "money":
      return new Intl.NumberFormat("en-US", {
        style: "currency",
        currency: "USD",
        notation: Math.abs(n) >= 100_000 ? "compact" : "standard",
        maximumFractionDigits: Math.abs(n) < 10 ? 4 : 0,
      }).format(n);
    case "percent":
      return `${(n * 100).toFixed(1)} %`;
    case "ratio":
      return formatRoi(n);
    default:
      return new Intl.NumberFormat("en-US", { notation: Math.abs(n) >= 100_000 ? "compact" : "standard" }).format(n);
  }
}

export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

/** Approximate width (px) of 11 px axis labels: enough for the longest, at most `max` (longer ones are shortened). */
export function axisWidth(labels: string[], max: number): number {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0);
  return Math.min(max, Math.ceil(longest * 6.6) + 14);
}

/** A label shortened with an ellipsis to fit an axis `width` px wide (11 px text). */
export function fitLabel(label: string, width: number): string {
  const room = Math.max(4, Math.floor((width - 14) / 6.6));
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}
