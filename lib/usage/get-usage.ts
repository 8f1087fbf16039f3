import "server-only";
import { labelGroups } from "@/lib/usage/group-labels";
import {
  addFigures,
  addHistograms,
  histogramsByGroup,
  histogramsByPeriod,
  sumsByGroup,
  sumsByPeriod,
  type Histograms,
} from "@/lib/usage/query-rollups";
import type { UsageQuery } from "@/lib/usage/schemas";
import { snapToHours } from "@/lib/usage/usage-range";
import { NO_FIGURES, usageStats } from "@/lib/usage/usage-stats";
import type { UsageViewer } from "@/lib/usage/usage-viewer";

export type UsageReport = Awaited<ReturnType<typeof getUsage>>;

/**
 * Usage totals, a series per interval and one page of groups (calls, errors, error rate, latency percentiles) over
 * whole hours, for what the viewer may see. Percentiles are merged only for the page's groups.
 */
export async function getUsage(input: { query: UsageQuery; viewer: UsageViewer }) {
  const { query } = input;
  const q = {
    span: snapToHours(query.from, query.to),
    interval: query.interval,
    groupBy: query.groupBy,
    viewer: input.viewer,
    filters: { model: query.model, versionId: query.version, appId: query.app, businessUnit: query.businessUnit, channel: query.channel },
  };
  const [groupSums, periodSums, periodHists] = await Promise.all([sumsByGroup(q), sumsByPeriod(q), histogramsByPeriod(q)]);
  const labels = await labelGroups(q.groupBy, [...groupSums.keys()]);
  const ranked = [...groupSums]
    .flatMap(([key, figures]) => (labels.has(key) ? [{ key, label: labels.get(key)!.label, figures }] : []))
    .sort((a, b) => (b.figures.calls > a.figures.calls ? 1 : b.figures.calls < a.figures.calls ? -1 : a.label.localeCompare(b.label)));
  const page = ranked.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const groupHists = page.length
    ? await histogramsByGroup(
        q,
        page.map((g) => g.key),
      )
    : new Map<string, Histograms>();
  const totalHist = [...periodHists.values()].reduce<Histograms | undefined>((sum, h) => addHistograms(sum, h), undefined);
  return {
    from: q.span.from.toISOString(),
    to: q.span.to.toISOString(),
    interval: query.interval,
    groupBy: query.groupBy,
    totals: usageStats([...periodSums.values()].reduce(addFigures, NO_FIGURES), totalHist),
    series: [...periodSums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, f]) => ({ period, ...usageStats(f, periodHists.get(period)) })),
    groups: page.map((g) => ({ key: g.key, label: g.label, ...usageStats(g.figures, groupHists.get(g.key)) })),
    page: query.page,
    pageSize: query.pageSize,
    groupCount: ranked.length,
  };
}
