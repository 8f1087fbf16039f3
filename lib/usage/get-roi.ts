import "server-only";
import { rowsOf } from "@/lib/usage/rows-of";
import type { RoiQuery } from "@/lib/usage/schemas";
import { queryUsageFacts, type FactRow } from "@/lib/usage/query-usage-facts";
import { groupFacts, roiOf } from "@/lib/usage/usage-stats";
import type { UsageViewer } from "@/lib/usage/usage-viewer";

export type RoiReport = Awaited<ReturnType<typeof getRoi>>;

const MONTH_MS = (365.25 / 12) * 24 * 3_600_000;

function figures(rows: FactRow[]) {
  let calls = 0n;
  let costMicros = 0n;
  let valueMicros = 0n;
  for (const r of rows) {
    calls += r.calls;
    costMicros += r.costMicros;
    valueMicros += r.valueMicros;
  }
  return { calls: Number(calls), costMicros, valueMicros, netMicros: valueMicros - costMicros, roi: roiOf(valueMicros, costMicros) };
}

/**
 * Cost, value and ROI = (value − cost) / cost per group and over time. Cost and value belong to the consuming
 * business unit (app → team → unit); groupBy=owner_business_unit shows what each unit's models earn instead.
 * For models, the declared expected monthly value is prorated to the range for expected-vs-realised.
 */
export async function getRoi(input: { query: RoiQuery; viewer: UsageViewer; source?: "rollup" | "raw" }) {
  const { query } = input;
  // The declared expected values are read alongside the facts, not after them: only models that declared one.
  const [{ rows, periodTotals }, declared] = await Promise.all([
    queryUsageFacts({
      from: query.from, to: query.to, interval: query.interval, groupBy: query.groupBy, viewer: input.viewer, source: input.source, periodGroupRows: false,
    }),
    query.groupBy === "model"
      ? rowsOf<{ id: string; expectedMonthlyValueMicros: string }[]>(
          `SELECT "id"::text AS id, "expectedMonthlyValueMicros"::text AS "expectedMonthlyValueMicros" FROM "models" WHERE "expectedMonthlyValueMicros" IS NOT NULL`)
      : Promise.resolve([]),
  ]);
  const byGroup = groupFacts(rows, (r) => r.key);
  const months = (query.to.getTime() - query.from.getTime()) / MONTH_MS;
  // Prorating is the one place money is scaled by a fraction: round to whole micros.
  const expected = new Map(declared.map((m) => [m.id, BigInt(Math.round(Number(m.expectedMonthlyValueMicros) * months))]));
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    groupBy: query.groupBy,
    totals: figures(rows),
    trend: [...groupFacts(periodTotals ?? rows, (r) => r.period ?? "").entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, list]) => ({ period, ...figures(list) })),
    groups: [...byGroup.values()]
      .map((list) => ({ key: list[0].key, label: list[0].label, ...figures(list), expectedValueMicros: expected.get(list[0].key) ?? null }))
      .sort((a, b) => (b.netMicros > a.netMicros ? 1 : b.netMicros < a.netMicros ? -1 : a.label.localeCompare(b.label))),
  };
}
