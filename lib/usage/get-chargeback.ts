import "server-only";
import { queryUsageFacts } from "@/lib/usage/query-usage-facts";
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
 * app. Calls made from the console without an app have no consuming unit and are listed as such.
 */
export async function getChargeback(input: { month: string; businessUnit?: string; viewer: UsageViewer; source?: "rollup" | "raw" }) {
  const { from, to } = monthRange(input.month);
  const { rows } = await queryUsageFacts({
    from, to, interval: null, groupBy: "statement_line", filters: { businessUnit: input.businessUnit }, viewer: input.viewer, source: input.source,
  });
  const statements = new Map<string, ChargebackStatement>();
  for (const r of rows) {
    const [buSlug, buName, model, app] = JSON.parse(r.label) as [string, string, string, string];
    const id = buSlug || "none";
    let s = statements.get(id);
    if (!s) {
      s = { businessUnit: { slug: buSlug || null, name: buName }, totals: { calls: 0, costMicros: 0n, valueMicros: 0n }, lines: [] };
      statements.set(id, s);
    }
    s.lines.push({ model, app, calls: Number(r.calls), costMicros: r.costMicros, valueMicros: r.valueMicros });
    s.totals.calls += Number(r.calls);
    s.totals.costMicros += r.costMicros;
    s.totals.valueMicros += r.valueMicros;
  }
  const list = [...statements.values()].sort((a, b) => a.businessUnit.name.localeCompare(b.businessUnit.name));
  for (const s of list) s.lines.sort((a, b) => a.model.localeCompare(b.model) || a.app.localeCompare(b.app));
  return { month: input.month, statements: list };
}
