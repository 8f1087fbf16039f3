import type { BudgetView } from "@/lib/budgets/schemas";
import { PERIOD_ADJECTIVE } from "@/lib/budgets/schemas";
import { formatMoney } from "@/lib/format";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** Spend vs budget for the current period: a bar, the figures, the forecast to the period's end and the reset. */
export function BudgetMeter({ budget }: { budget: BudgetView }) {
  const { current: c } = budget;
  const pct = Math.min(100, c.percent);
  const over = c.spendMicros >= budget.amountMicros;
  const warn = c.percent >= budget.thresholdPercent;
  const forecastOver = c.forecastMicros > budget.amountMicros;
  return (
    <div className="space-y-1 text-sm">
      <p>
        <span className="font-medium">{formatMoney(c.spendMicros)}</span> of {formatMoney(budget.amountMicros)} spent ({c.percent} %) —{" "}
        {PERIOD_ADJECTIVE[budget.period]}
        {budget.hardCap ? ", hard cap" : ""}, alert at {budget.thresholdPercent} %
      </p>
      <div className="h-2 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
        <div className={`h-full ${over ? "bg-rose-600" : warn ? "bg-amber-500" : "bg-emerald-600"}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="text-slate-600">
        Forecast to period end: <span className={forecastOver ? "font-medium text-rose-800" : ""}>{formatMoney(c.forecastMicros)}</span>
        {forecastOver ? " (over budget)" : ""}. Period {when(c.periodStart)} → resets {when(c.periodEnd)}.
        {over && budget.hardCap ? " Calls are refused until it resets." : ""}
      </p>
    </div>
  );
}
