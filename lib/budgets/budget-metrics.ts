import "server-only";
import { loadBudgetSpend } from "@/lib/budgets/budget-spend";
import { budgetInclude, scopeOf, type BudgetRow } from "@/lib/budgets/budget-view";
import { db } from "@/lib/server/db";
import { gaugeAtScrape } from "@/lib/server/metrics";

// Budget spend in /metrics (issue 17), read when Prometheus scrapes: every budget's amount and the committed
// spend of its current period (the same figures as the Budgets page). Registered by the /metrics route of the
// Next process only, so the door's merged scrape counts it once.

const LABELS = ["budget", "scope", "name", "period", "hard_cap"] as const;

const labelsOf = (r: BudgetRow) => {
  const scope = scopeOf(r);
  return { budget: r.id, scope: scope.kind, name: scope.name, period: r.period, hard_cap: String(r.hardCap) };
};
const budgets = () => db.budget.findMany({ include: budgetInclude, orderBy: { createdAt: "asc" } });

gaugeAtScrape(
  "modelport_budget_spend_micros",
  "Committed spend of each budget's current period, in micros (1,000,000 = one currency unit).",
  async () => {
    const rows = await budgets();
    const spend = await loadBudgetSpend(rows.map((r) => r.id));
    return rows.map((r) => ({ labels: labelsOf(r), value: Number(spend.get(r.id)?.spendMicros ?? 0) }));
  },
  LABELS,
);
gaugeAtScrape(
  "modelport_budget_amount_micros",
  "Each budget's amount per period, in micros.",
  async () => (await budgets()).map((r) => ({ labels: labelsOf(r), value: Number(r.amountMicros) })),
  LABELS,
);
