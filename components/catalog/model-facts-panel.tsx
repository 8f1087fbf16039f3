import type { ModelFacts } from "@/lib/catalog/schemas";
import { formatMoney, formatNumber } from "@/lib/format";

const ms = (v: number | null) => (v === null ? "—" : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);

/** Live facts from real invocations over the last 30 days. */
export function ModelFactsPanel({ facts, title = "Last 30 days" }: { facts: ModelFacts; title?: string }) {
  const items: [string, string][] = [
    ["Calls", formatNumber(facts.calls30d)],
    ["Error rate", facts.errorRate === null ? "—" : `${(facts.errorRate * 100).toFixed(2)} %`],
    ["p50 latency", ms(facts.p50Ms)],
    ["p95 latency", ms(facts.p95Ms)],
    ["Consuming apps", formatNumber(facts.consumingApps)],
    ["Cost per call", facts.costPerCallMicros === null ? "—" : formatMoney(facts.costPerCallMicros)],
  ];
  return (
    <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="facts-title" className="mb-3 font-semibold">
        {title}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="model-facts">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
