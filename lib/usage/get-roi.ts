import "server-only";
import { kdb } from "@/lib/server/db";
import { labelGroups } from "@/lib/usage/group-labels";
import { addFigures, sumsByGroup, sumsByPeriod, type Figures } from "@/lib/usage/query-rollups";
import type { RoiQuery } from "@/lib/usage/schemas";
import { snapToHours } from "@/lib/usage/usage-range";
import { NO_FIGURES, roiOf } from "@/lib/usage/usage-stats";
import type { UsageViewer } from "@/lib/usage/usage-viewer";

export type RoiReport = Awaited<ReturnType<typeof getRoi>>;

const MONTH_MS = (365.25 / 12) * 24 * 3_600_000;

const figures = (f: Figures) => ({
  calls: Number(f.calls),
  costMicros: f.costMicros,
  valueMicros: f.valueMicros,
  netMicros: f.valueMicros - f.costMicros,
  roi: roiOf(f.valueMicros, f.costMicros),
});

/**
 * Cost, value and ROI = (value − cost) / cost per group and over time, over whole hours. Cost and value belong to
 * the consuming business unit (app → team → unit); groupBy=owner_business_unit shows what each unit's models earn
 * instead. For models, the declared expected monthly value is prorated to the range for expected-vs-realised.
 */
export async function getRoi(input: { query: RoiQuery; viewer: UsageViewer }) {
  const { query } = input;
  const q = { span: snapToHours(query.from, query.to), interval: query.interval, groupBy: query.groupBy, viewer: input.viewer };
  const [groupSums, periodSums, declared] = await Promise.all([
    sumsByGroup(q),
    sumsByPeriod(q),
    query.groupBy === "model"
      ? kdb()
          .selectFrom("models")
          .select(["id", "expectedMonthlyValueMicros"])
          .where("expectedMonthlyValueMicros", "is not", null)
          .execute()
      : Promise.resolve([]),
  ]);
  const labels = await labelGroups(q.groupBy, [...groupSums.keys()]);
  const months = (q.span.to.getTime() - q.span.from.getTime()) / MONTH_MS;
  // Prorating is the one place money is scaled by a fraction: round to whole micros.
  const expected = new Map(declared.map((m) => [m.id, BigInt(Math.round(Number(m.expectedMonthlyValueMicros) * months))]));
  const groups = [...groupSums].flatMap(([key, f]) =>
    labels.has(key) ? [{ key, label: labels.get(key)!.label, ...figures(f), expectedValueMicros: expected.get(key) ?? null }] : [],
  );
  return {
    from: q.span.from.toISOString(),
    to: q.span.to.toISOString(),
    groupBy: query.groupBy,
    totals: figures([...periodSums.values()].reduce(addFigures, NO_FIGURES)),
    trend: [...periodSums].sort(([a], [b]) => a.localeCompare(b)).map(([period, f]) => ({ period, ...figures(f) })),
    groups: groups.sort((a, b) => (b.netMicros > a.netMicros ? 1 : b.netMicros < a.netMicros ? -1 : a.label.localeCompare(b.label))),
  };
}
