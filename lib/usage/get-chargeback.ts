import "server-only";
import { labelGroups } from "@/lib/usage/group-labels";
import { sumsByGroup } from "@/lib/usage/query-rollups";
import type { UsageViewer } from "@/lib/usage/usage-viewer";

export type ChargebackLine = { model: string; app: string; calls: number; costMicros: bigint; valueMicros: bigint };
export type ChargebackStatement = {
  businessUnit: { slug: string | null; name: string };
  totals: { calls: number; costMicros: bigint; valueMicros: bigint };
  lines: ChargebackLine[];
};

/** [first instant of the month, first instant of the next), UTC. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split("-").map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}

/**
 * The monthly chargeback/showback statement per consuming business unit: calls, cost and value by model and
 * app (from the daily roll-ups; the current day's row is kept seconds behind the calls). Calls made from the
 * console without an app have no consuming unit and are listed as such.
 */
export async function getChargeback(input: { month: string; businessUnit?: string; viewer: UsageViewer }) {
  const q = {
    span: monthRange(input.month),
    interval: null,
    groupBy: "statement_line" as const,
    filters: { businessUnit: input.businessUnit },
    viewer: input.viewer,
  };
  const sums = await sumsByGroup(q);
  const labels = await labelGroups(q.groupBy, [...sums.keys()]);
  const statements = new Map<string, ChargebackStatement>();
  for (const [key, f] of sums) {
    const line = labels.get(key)?.line;
    if (!line) continue;
    const id = line.unit.slug ?? "none";
    let s = statements.get(id);
    if (!s) statements.set(id, (s = { businessUnit: line.unit, totals: { calls: 0, costMicros: 0n, valueMicros: 0n }, lines: [] }));
    s.lines.push({ model: line.model, app: line.app, calls: Number(f.calls), costMicros: f.costMicros, valueMicros: f.valueMicros });
    s.totals.calls += Number(f.calls);
    s.totals.costMicros += f.costMicros;
    s.totals.valueMicros += f.valueMicros;
  }
  const list = [...statements.values()].sort((a, b) => a.businessUnit.name.localeCompare(b.businessUnit.name));
  for (const s of list) s.lines.sort((a, b) => a.model.localeCompare(b.model) || a.app.localeCompare(b.app));
  return { month: input.month, statements: list };
}
