import "server-only";
import { loadBudgetSpend } from "@/lib/budgets/budget-spend";
import { budgetInclude, scopeOf } from "@/lib/budgets/budget-view";
import { db } from "@/lib/server/db";
import { gaugeAtScrape } from "@/lib/server/metrics";

// Budget spend in /metrics (issue 17), read when Prometheus scrapes: every budget's amount and the committed
// spend of its current period, in one statement for all of them (the same figures as the Budgets page).
// Registered by the /metrics route of the Next process only, so the door's merged scrape counts it once.

const LABELS = ["budget", "scope", "name", "period", "hard_cap"] as const;
type Sample = { labels: Record<(typeof LABELS)[number], string>; value: number };

let last: { at: number; spend: Sample[]; amount: Sample[] } | null = null;

/** One reading per scrape, shared by the gauges (each gauge's collect() asks for it). */
async function read(): Promise<NonNullable<typeof last>> {
  if (last && Date.now() - last.at < 250) return last;
  const rows = await db.budget.findMany({ include: budgetInclude, orderBy: { createdAt: "asc" } });
  const spend = await loadBudgetSpend(rows.map((r) => r.id));
  const labelsOf = (r: (typeof rows)[number]) => {
    const scope = scopeOf(r);
    return { budget: r.id, scope: scope.kind, name: scope.name, period: r.period, hard_cap: String(r.hardCap) };
  };
  last = {
    at: Date.now(),
    spend: rows.map((r) => ({ labels: labelsOf(r), value: Number(spend.get(r.id)?.spendMicros ?? 0) })),
    amount: rows.map((r) => ({ labels: labelsOf(r), value: Number(r.amountMicros) })),
  };
  return last;
}

gaugeAtScrape(
  "modelport_budget_spend_micros",
  "Committed spend of each budget's current period, in micros (1,000,000 = one currency unit).",
  async () => (await read()).spend,
  LABELS,
);
gaugeAtScrape("modelport_budget_amount_micros", "Each budget's amount per period, in micros.", async () => (await read()).amount, LABELS);
