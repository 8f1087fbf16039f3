import "server-only";
import type { UsageQuery } from "@/lib/usage/schemas";
import { queryUsageFacts, type FactFilters } from "@/lib/usage/query-usage-facts";
import { groupFacts, summarizeFacts } from "@/lib/usage/usage-stats";
import type { UsageViewer } from "@/lib/usage/usage-viewer";

export type UsageReport = Awaited<ReturnType<typeof getUsage>>;

/** Usage series and totals (calls, errors, error rate, latency percentiles) for what the viewer may see. */
export async function getUsage(input: { query: UsageQuery; viewer: UsageViewer; source?: "rollup" | "raw" }) {
  const { query } = input;
  const filters: FactFilters = { model: query.model, versionId: query.version, appId: query.app, businessUnit: query.businessUnit, channel: query.channel };
  // Per-period and per-group totals only: every period × group row (45,000 at 90 days by model) is what made
  // this report slow, and nothing charts it (drill down with a filter instead, e.g. model=…&groupBy=version).
  const { rows, periodHist, groupHist, periodTotals } = await queryUsageFacts({
    from: query.from, to: query.to, interval: query.interval, groupBy: query.groupBy, filters, viewer: input.viewer, histograms: true, source: input.source,
    periodGroupRows: false,
  });
  const byPeriod = groupFacts(periodTotals ?? rows, (r) => r.period ?? "");
  const byGroup = groupFacts(rows, (r) => r.key);
  const groups = [...byGroup.values()]
    .map((list) => ({ key: list[0].key, label: list[0].label, ...summarizeFacts(list, groupHist.has(list[0].key) ? [groupHist.get(list[0].key)!] : []) }))
    .sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label));
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    interval: query.interval,
    groupBy: query.groupBy,
    totals: summarizeFacts(rows, [...periodHist.values()]),
    series: [...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, list]) => ({ period, ...summarizeFacts(list, periodHist.has(period) ? [periodHist.get(period)!] : []) })),
    groups,
  };
}
