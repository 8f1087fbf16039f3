import { formatMoney } from "@/lib/format";

const LABELS: Record<string, string> = {
  accuracy: "accuracy",
  error_rate: "error rate",
  latency_p95: "p95 latency",
  cost_per_day: "cost per day",
  drift_psi: "input drift (PSI)",
  golden_tests: "failing golden tests",
};

/** A rule's name in words (an unknown rule reads as its name with spaces). */
export function ruleLabel(rule: string): string {
  return LABELS[rule] ?? rule.replaceAll("_", " ");
}

/** A rule's figure or threshold in its unit: shares as percentages, latency in ms, cost as money. */
export function formatFigure(rule: string, x: number): string {
  if (rule === "accuracy" || rule === "error_rate") return `${(x * 100).toFixed(1)} %`;
  if (rule === "latency_p95") return `${Math.round(x)} ms`;
  if (rule === "cost_per_day") return formatMoney(Math.round(x));
  if (rule === "golden_tests") return String(Math.round(x));
  return x.toFixed(3);
}
